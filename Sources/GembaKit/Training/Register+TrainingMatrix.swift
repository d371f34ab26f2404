import Foundation
import GRDB

extension Register {
    /// People by documents: for every active person (holding `role`, in `area`, when given) and
    /// every effective document they must read, whether they are trained, due or overdue.
    public func trainingMatrix(role: String? = nil, area: String? = nil) throws -> TrainingMatrix {
        if let role, policies.roles[role] == nil {
            throw GembaError.invalid("unknown role '\(role)'; policies/roles.yaml defines \(policies.roles.keys.sorted().joined(separator: ", "))")
        }
        let today = today()
        return try store.read { db in
            let policy = try trainingPolicy(db)
            if let area { try policy.checkArea(area) }
            let areas = try personAreas(db)
            var people = try UserRecord.filter(Column("active") == true).order(Column("username")).fetchAll(db)
            if let role { people = people.filter { $0.roleList.contains(role) } }
            if let area { people = people.filter { areas[$0.username, default: []].contains(area) } }
            var documents: [TrainingMatrix.Document] = []
            var cells: [TrainingMatrix.Cell] = []
            for document in try DocumentRecord.filter(Column("obsolete_at") == nil).order(Column("type"), Column("number")).fetchAll(db) {
                let roles = try trainingRoles(db, document, policy)
                let targets = roles.isEmpty ? [] : try trainingTargets(db, document, policy)
                guard let shown = targets.first?.revision else { continue }
                let seqs = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT letter, seq FROM revision WHERE document_id = ?", arguments: [document.id])
                    .map { ($0["letter"] as String, $0["seq"] as Int) })
                let assignments = Dictionary(grouping: try TrainingAssignmentRecord.filter(Column("document_id") == document.id).fetchAll(db), by: \.username)
                let before = cells.count
                for person in people where !Set(roles).isDisjoint(with: person.roleList) {
                    cells.append(matrixCell(person.username, document.id, targets, assignments[person.username] ?? [], seqs, today))
                }
                if cells.count > before {
                    documents.append(TrainingMatrix.Document(id: document.id, title: shown.title, type: document.type, revision: shown.letter, requiredRoles: roles))
                }
            }
            let shownPeople = Set(cells.map(\.username))
            return TrainingMatrix(
                date: today.description, role: role, area: area,
                people: people.filter { shownPeople.contains($0.username) }.map {
                    TrainingMatrix.Person(username: $0.username, name: $0.name, roles: $0.roleList, areas: areas[$0.username, default: []])
                },
                documents: documents, cells: cells)
        }
    }

    /// An open assignment for any target decides (the soonest due); else the person is trained
    /// when every target has a signed acknowledgement; else nothing was assigned.
    private func matrixCell(
        _ username: String, _ document: String, _ targets: [TrainingTarget], _ mine: [TrainingAssignmentRecord], _ seqs: [String: Int], _ today: Day
    ) -> TrainingMatrix.Cell {
        func counts(_ assignment: TrainingAssignmentRecord, _ target: TrainingTarget) -> Bool {
            target.accepted.contains(seqs[assignment.revisionLetter] ?? -1)
        }
        let open = targets.compactMap { target in mine.first { $0.isOpen && counts($0, target) } }.min { $0.dueOn < $1.dueOn }
        if let open, let due = Day(open.dueOn) {
            let late = due.days(until: today)
            return TrainingMatrix.Cell(
                username: username, document: document, status: late > 0 ? .overdue : .due, revision: open.revisionLetter,
                dueDate: open.dueOn, signedAt: nil, daysOverdue: late)
        }
        let signed = targets.map { target in
            mine.filter { $0.status == TrainingStatus.signed.rawValue && counts($0, target) }.max { (seqs[$0.revisionLetter] ?? 0) < (seqs[$1.revisionLetter] ?? 0) }
        }
        if let first = signed.first, let proof = first, !signed.contains(where: { $0 == nil }) {
            return TrainingMatrix.Cell(
                username: username, document: document, status: .trained, revision: proof.revisionLetter, dueDate: proof.dueOn,
                signedAt: proof.signedAt.map(Timestamp.string), daysOverdue: nil)
        }
        let missing = zip(targets, signed).first { $0.1 == nil }?.0.revision.letter ?? targets.first?.revision.letter ?? ""
        return TrainingMatrix.Cell(username: username, document: document, status: .unassigned, revision: missing, dueDate: nil, signedAt: nil, daysOverdue: nil)
    }
}
