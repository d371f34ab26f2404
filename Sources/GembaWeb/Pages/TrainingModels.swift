import Foundation
import GembaKit

/// My training: what to read and sign, what I signed, my certifications.
struct TrainingPageModel {
    struct Assignment {
        let document: String
        let documentHref: String
        let title: String
        let revision: String
        let revisionStatus: String
        let effectiveDate: String?
        let dueDate: String
        let dueText: String
        let late: Bool
        let reason: String
        let signHref: String
        /// Unique per form, for the labels' `for`.
        let formKey: String
    }

    struct Signed {
        let document: String
        let documentHref: String
        let title: String
        let revision: String
        let manifestation: String
        let verified: Bool
    }

    struct Certificate {
        let kind: String
        let kindName: String
        let issuedOn: String
        let expiresOn: String
        let status: String
        let statusClass: String
        let reference: String?
    }

    let personName: String
    let open: [Assignment]
    let hasOpen: Bool
    let signed: [Signed]
    let hasSigned: Bool
    let certificates: [Certificate]
    let hasCertificates: Bool
    /// Assessor accounts are read-only and sign nothing.
    let canSign: Bool
    let meaning: String

    init(_ register: Register, visitor: SignedInPerson) throws {
        let me = visitor.person.username
        personName = visitor.person.name
        let all = try register.trainingAssignments(for: me, includeClosed: true)
        open = all.filter { $0.status == "open" }.map { item in
            let days = item.daysOverdue ?? 0
            return Assignment(
                document: item.document, documentHref: DocumentLink.href(item.document, revision: item.revision), title: item.title,
                revision: item.revision, revisionStatus: item.revisionStatus, effectiveDate: item.effectiveDate, dueDate: item.dueDate,
                dueText: DueText.days(days), late: days > 0, reason: item.reason, signHref: "/training/\(item.document.urlPathEncoded)/sign",
                formKey: DownloadName.part("\(item.document)-\(item.revision)"))
        }
        hasOpen = !open.isEmpty
        // Newest signature first.
        signed = all.compactMap { item -> (String, Signed)? in
            guard let acknowledgement = item.acknowledgement else { return nil }
            return (acknowledgement.signedAt, Signed(
                document: item.document, documentHref: DocumentLink.href(item.document, revision: item.revision), title: item.title,
                revision: item.revision, manifestation: acknowledgement.manifestation, verified: acknowledgement.contentVerified))
        }.sorted { $0.0 > $1.0 }.map(\.1)
        hasSigned = !signed.isEmpty
        certificates = try register.certifications(user: me).map { item in
            Certificate(
                kind: item.kind, kindName: item.kindName, issuedOn: item.issuedOn, expiresOn: item.expiresOn,
                status: item.status == "expired" ? "expired \(item.daysOverdue) d ago" : item.status == "renewal due" ? "renewal due in \(-item.daysOverdue) d" : item.status,
                statusClass: item.status == "expired" ? "late" : item.status == "renewal due" ? "soon" : "ok", reference: item.reference)
        }
        hasCertificates = !certificates.isEmpty
        canSign = !visitor.isAssessor
        meaning = TrainingAcknowledgementView.meaning
    }
}

/// People by documents, with filters and the CSV link.
struct TrainingMatrixModel {
    struct Column {
        let id: String
        let href: String
        let revision: String
        let title: String
    }

    struct Cell {
        /// `trained`, `due`, `overdue`, `unassigned` or `none` (need not read it): the cell's class.
        let status: String
        let text: String
        let detail: String?
    }

    struct Row {
        let username: String
        let name: String
        let personRoles: String
        /// Named apart from the page's `areas` so that a nil here never shows the page's list.
        let personAreas: String?
        let cells: [Cell]
    }

    let date: String
    let roles: [ChoiceOption]
    let areas: [ChoiceOption]
    let columns: [Column]
    let rows: [Row]
    let hasRows: Bool
    let trained: Int
    let due: Int
    let overdue: Int
    let unassigned: Int
    let downloadHref: String
    let scope: String?

    init(_ register: Register, role: String?, area: String?) throws {
        let matrix = try register.trainingMatrix(role: role, area: area)
        date = matrix.date
        roles = [ChoiceOption(value: "", label: "All roles", selected: role == nil)]
            + register.policies.roles.keys.sorted().map { ChoiceOption(value: $0, label: $0, selected: $0 == role) }
        let policyAreas = try register.trainingPolicy().areas
        let knownAreas = policyAreas.isEmpty ? Array(Set(matrix.people.flatMap(\.areas))).sorted() : policyAreas
        areas = [ChoiceOption(value: "", label: "All areas", selected: area == nil)]
            + knownAreas.map { ChoiceOption(value: $0, label: $0, selected: $0 == area) }
        columns = matrix.documents.map { document in
            Column(id: document.id, href: DocumentLink.href(document.id, revision: document.revision), revision: document.revision, title: document.title)
        }
        let lookup = Dictionary(matrix.cells.map { ("\($0.username)\u{0}\($0.document)", $0) }, uniquingKeysWith: { first, _ in first })
        rows = matrix.people.map { person in
            Row(username: person.username, name: person.name, personRoles: person.roles.joined(separator: ", "),
                personAreas: person.areas.isEmpty ? nil : person.areas.joined(separator: ", "),
                cells: matrix.documents.map { document in
                    guard let cell = lookup["\(person.username)\u{0}\(document.id)"] else { return Cell(status: "none", text: "·", detail: nil) }
                    switch cell.status {
                    case .trained:
                        return Cell(status: "trained", text: "✓ \(cell.revision)", detail: cell.signedAt.map { "signed \($0.prefix(10))" })
                    case .due:
                        return Cell(status: "due", text: "due", detail: cell.dueDate.map { "by \($0), rev \(cell.revision)" })
                    case .overdue:
                        return Cell(status: "overdue", text: "late \(cell.daysOverdue ?? 0) d", detail: cell.dueDate.map { "was due \($0), rev \(cell.revision)" })
                    case .unassigned:
                        return Cell(status: "unassigned", text: "not assigned", detail: nil)
                    }
                })
        }
        hasRows = !rows.isEmpty && !columns.isEmpty
        trained = matrix.counts[TrainingCellStatus.trained.rawValue] ?? 0
        due = matrix.counts[TrainingCellStatus.due.rawValue] ?? 0
        overdue = matrix.counts[TrainingCellStatus.overdue.rawValue] ?? 0
        unassigned = matrix.counts[TrainingCellStatus.unassigned.rawValue] ?? 0
        var query: [String] = []
        if let role { query.append("role=\(role.urlPathEncoded)") }
        if let area { query.append("area=\(area.urlPathEncoded)") }
        downloadHref = "/training/matrix/download" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let parts = [role.map { "role \($0)" }, area.map { "area \($0)" }].compactMap { $0 }
        scope = parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
