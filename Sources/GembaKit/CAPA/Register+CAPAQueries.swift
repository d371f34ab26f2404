import Foundation
import GRDB

extension Register {
    /// CAPAs, newest first; `openOnly` leaves out closed ones.
    public func capas(state: CAPAState? = nil, owner: String? = nil, openOnly: Bool = false) throws -> [CAPASummary] {
        try store.read { db in
            var request = CAPARecord.order(Column("year").desc, Column("seq").desc)
            if let state { request = request.filter(Column("state") == state.rawValue) }
            if let owner { request = request.filter(Column("owner") == owner) }
            if openOnly { request = request.filter(Column("state") != CAPAState.closed.rawValue) }
            let names = try peopleNames(db)
            return try request.fetchAll(db).map { try capaSummary(db, $0, names: names) }
        }
    }

    public func capaView(_ id: String) throws -> CAPAView {
        let policy = try capaPolicy()
        return try store.read { db in
            let capa = try capaRecord(db, id)
            let names = try peopleNames(db)
            let hash = try capaContentHash(db, capa)
            let signatures = try CAPASignatureRecord.filter(Column("capa_id") == capa.id).order(Column("signed_at"), Column("id")).fetchAll(db)
            return CAPAView(
                summary: try capaSummary(db, capa, names: names), gradeName: (FindingGrade(rawValue: capa.grade) ?? .major).name,
                sourceReference: capa.sourceReference,
                findings: try String.fetchAll(db, sql: "SELECT finding_id FROM capa_finding WHERE capa_id = ? ORDER BY finding_id", arguments: [capa.id]),
                problem: capa.problem, containment: capa.containment, containedOn: capa.containedOn, whys: JSONList.decode(capa.whys),
                rootCause: capa.rootCause, causeCategory: capa.causeCategory, openedBy: capa.openedBy, openedAt: Timestamp.string(capa.openedAt),
                planDue: capa.planDue, completeDue: capa.completeDue, verifiedAt: capa.verifiedAt.map(Timestamp.string),
                effectivenessDue: capa.effectivenessDue, closedAt: capa.closedAt.map(Timestamp.string),
                actions: try actions(db, capa.id, names: names),
                signatures: signatures.map { CAPASignatureView($0, contentVerified: $0.planRound == capa.reopened ? $0.contentHash == hash : nil) },
                nextStep: capa.state == CAPAState.closed.rawValue ? nil : try nextCAPAStep(db, capa, policy: policy))
        }
    }

    public func capaAction(_ id: String) throws -> CAPAActionView {
        try store.read { db in
            guard let action = try CAPAActionRecord.fetchOne(db, key: id.uppercased()) else {
                throw GembaError.notFound("no CAPA action \(id); `gemba capa show CAPA-...` lists the actions")
            }
            return actionView(action, names: try peopleNames(db))
        }
    }

    /// Open days of every open CAPA by grade and by owner.
    public func capaAging() throws -> CAPAAging {
        let today = today()
        let (open, names) = try store.read { db in
            (try CAPARecord.filter(Column("state") != CAPAState.closed.rawValue).order(Column("opened_at")).fetchAll(db), try peopleNames(db))
        }
        let entries = open.map { capa in
            CAPAAgingEntry(capa: capa.id, grade: capa.grade, owner: capa.owner, state: capa.state, openedOn: Day(capa.openedAt).description,
                           openDays: Day(capa.openedAt).days(until: today))
        }
        func group(_ key: String, _ name: String, _ members: [CAPAAgingEntry]) -> CAPAAgingGroup {
            let days = members.map(\.openDays)
            var buckets = ["0-30": 0, "31-60": 0, "61-90": 0, "over 90": 0]
            for day in days {
                let bucket = day <= 30 ? "0-30" : day <= 60 ? "31-60" : day <= 90 ? "61-90" : "over 90"
                buckets[bucket, default: 0] += 1
            }
            let average = days.isEmpty ? 0 : (Double(days.reduce(0, +)) / Double(days.count) * 10).rounded() / 10
            return CAPAAgingGroup(key: key, name: name, count: members.count, averageOpenDays: average, oldestOpenDays: days.max() ?? 0, buckets: buckets)
        }
        let byGrade = FindingGrade.allCases.compactMap { grade -> CAPAAgingGroup? in
            let members = entries.filter { $0.grade == grade.rawValue }
            return members.isEmpty ? nil : group(grade.rawValue, grade.name, members)
        }
        let byOwner = Dictionary(grouping: entries, by: \.owner).map { owner, members in group(owner, names[owner] ?? owner, members) }
            .sorted { ($0.oldestOpenDays, $1.key) > ($1.oldestOpenDays, $0.key) }
        return CAPAAging(asOf: today.description, openCount: entries.count, byGrade: byGrade, byOwner: byOwner,
                         capas: entries.sorted { ($0.openDays, $1.capa) > ($1.openDays, $0.capa) })
    }

    private func capaSummary(_ db: Database, _ capa: CAPARecord, names: [String: String]) throws -> CAPASummary {
        let opened = Day(capa.openedAt)
        let end = capa.closedAt.map(Day.init) ?? today()
        let nextDue: String?
        switch CAPAState(rawValue: capa.state) {
        case .open, .contained, .rootCaused: nextDue = capa.planDue
        case .actionsPlanned:
            nextDue = try String.fetchOne(db, sql: "SELECT min(due_on) FROM capa_action WHERE capa_id = ? AND status = 'open'", arguments: [capa.id]) ?? capa.planDue
        case .verified: nextDue = capa.effectivenessDue
        default: nextDue = nil
        }
        return CAPASummary(
            id: capa.id, title: capa.title, grade: capa.grade, source: capa.source, state: capa.state, owner: capa.owner,
            ownerName: names[capa.owner] ?? capa.owner, openedOn: opened.description, openDays: opened.days(until: end), nextDue: nextDue,
            reopened: capa.reopened)
    }

    private func actions(_ db: Database, _ capaId: String, names: [String: String]) throws -> [CAPAActionView] {
        try CAPAActionRecord.filter(Column("capa_id") == capaId).order(Column("number")).fetchAll(db).map { actionView($0, names: names) }
    }

    private func actionView(_ action: CAPAActionRecord, names: [String: String]) -> CAPAActionView {
        let overdue = action.status == "open" ? Day(action.dueOn).map { $0.days(until: today()) } : nil
        return CAPAActionView(
            id: action.id, capa: action.capaId, number: action.number, planRound: action.planRound, description: action.description,
            owner: action.owner, ownerName: names[action.owner] ?? action.owner, dueOn: action.dueOn, status: action.status,
            document: action.documentId, documentRevision: action.documentRevision, evidence: action.evidence,
            completedRevision: action.completedRevision, doneBy: action.doneBy, doneAt: action.doneAt.map(Timestamp.string), daysOverdue: overdue)
    }
}

extension CAPASignatureView {
    init(_ record: CAPASignatureRecord, contentVerified: Bool?) {
        self.init(
            step: record.step, meaning: record.meaning, name: record.printedName, username: record.username,
            signedAt: Timestamp.string(record.signedAt), comment: record.comment, contentHash: record.contentHash,
            contentVerified: contentVerified,
            manifestation: "\(record.meaning.capitalized) by \(record.printedName) (\(record.username)) on \(Timestamp.readable(record.signedAt))")
    }
}
