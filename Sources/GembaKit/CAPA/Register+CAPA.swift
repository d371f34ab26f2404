import Foundation
import GRDB

/// What `capa new` asks for.
public struct NewCAPA: Sendable {
    public var title: String
    /// Findings the CAPA answers; empty for a CAPA raised on its own.
    public var findings: [String]
    /// Required without findings; with findings it is `audit-finding`.
    public var source: CAPASource?
    /// The complaint, incident or supplier report number.
    public var sourceReference: String?
    /// Default: the most serious grade of the findings; required without findings.
    public var grade: FindingGrade?
    /// Default: the owner of the first finding.
    public var owner: String?
    public var problem: String

    public init(
        title: String, findings: [String] = [], source: CAPASource? = nil, sourceReference: String? = nil, grade: FindingGrade? = nil,
        owner: String? = nil, problem: String
    ) {
        self.title = title
        self.findings = findings
        self.source = source
        self.sourceReference = sourceReference
        self.grade = grade
        self.owner = owner
        self.problem = problem
    }
}

extension Register {
    /// Opens a CAPA (`open`) with its plan and completion deadlines from policy; returns its ID.
    public func openCAPA(_ new: NewCAPA, by username: String) throws -> String {
        let title = try InputChecks.title(new.title)
        let problem = try AuditText.paragraph(new.problem, "--problem")
        let reference = try new.sourceReference.map { try AuditText.line($0, "--reference", max: 100) }
        let policy = try capaPolicy()
        return try exclusively {
            try store.write { db in
                _ = try requirePermission(db, username, .capaManage, to: "open CAPAs")
                var findings: [FindingRecord] = []
                for id in new.findings {
                    guard let finding = try FindingRecord.fetchOne(db, key: id.uppercased()) else {
                        throw GembaError.notFound("no finding \(id); `gemba audit show AUD-...` lists an audit's findings")
                    }
                    if let other = try String.fetchOne(db, sql: "SELECT capa_id FROM capa_finding WHERE finding_id = ?", arguments: [finding.id]) {
                        throw GembaError(.conflict, "\(finding.id) is already answered by \(other)")
                    }
                    if !findings.contains(finding) { findings.append(finding) }
                }
                let source: CAPASource
                if findings.isEmpty {
                    guard let given = new.source, given != .auditFinding else {
                        throw GembaError.invalid("a CAPA without --finding needs --source (customer-complaint, safety-incident, internal, supplier)")
                    }
                    source = given
                } else {
                    guard new.source == nil || new.source == .auditFinding else {
                        throw GembaError.invalid("a CAPA raised for audit findings has the source audit-finding; leave out --source")
                    }
                    source = .auditFinding
                }
                let worst = findings.compactMap { FindingGrade(rawValue: $0.grade) }.min()
                guard let grade = new.grade ?? worst else { throw GembaError.invalid("a CAPA without --finding needs --grade (major, minor, observation, ofi)") }
                if let worst, worst < grade {
                    throw GembaError.invalid("the findings include a \(worst.name); the CAPA's grade cannot be \(grade.rawValue)")
                }
                guard let ownerName = new.owner ?? findings.first?.owner else { throw GembaError.invalid("say who owns the CAPA with --owner USER") }
                let owner = try activeUser(db, ownerName).username
                let now = now()
                let today = Day(now)
                let rule = policy.rule(grade)
                let seq = (try Int.fetchOne(db, sql: "SELECT max(seq) FROM capa WHERE year = ?", arguments: [today.year]) ?? 0) + 1
                let record = CAPARecord(
                    id: String(format: "CAPA-%04d-%03d", today.year, seq), year: today.year, seq: seq, title: title, source: source.rawValue,
                    sourceReference: reference, grade: grade.rawValue, owner: owner, state: CAPAState.open.rawValue, problem: problem,
                    containment: nil, containedOn: nil, whys: nil, rootCause: nil, causeCategory: nil, openedBy: username, openedAt: now,
                    planDue: today.addingDays(rule.planDays).description, completeDue: today.addingDays(rule.completeDays).description,
                    plannedAt: nil, verifiedAt: nil, effectivenessDue: nil, reopened: 0, closedAt: nil, updatedAt: now)
                let actor = Actor(username: username, at: now)
                try AuditTrail.track(db, .capa, key: record.id, action: "capa.open", by: actor) { try record.insert(db) }
                for finding in findings {
                    let link = CAPAFindingRecord(capaId: record.id, findingId: finding.id)
                    try AuditTrail.track(db, .capaFinding, key: link.key, action: "capa.link-finding", by: actor) { try link.insert(db) }
                }
                return record.id
            }
        }
    }

    /// Records the containment (what was done at once to protect the customer) and its date.
    public func containCAPA(_ id: String, containment: String, on day: Day? = nil, by username: String) throws -> CAPAView {
        let text = try AuditText.paragraph(containment, "--action")
        let on = day ?? today()
        guard on <= today() else { throw GembaError.invalid("--date \(on) is in the future; record containment once it is in place") }
        return try changeCAPA(id, action: "capa.contain", by: username, doing: "containment") { db, capa, policy in
            try requireCAPAState(db, capa, policy: policy, .open, doing: "containment")
            capa.containment = text
            capa.containedOn = on.description
            capa.state = CAPAState.contained.rawValue
        }
    }

    /// Records the root cause: the chain of whys, the cause and its 6M category. Allowed after
    /// containment (or straight from `open` when policy lets the grade skip it), again before any
    /// action is planned, and after a "not effective" check reopened the CAPA.
    public func recordRootCause(_ id: String, whys: [String], rootCause: String, category: CauseCategory, by username: String) throws -> CAPAView {
        let whys = try whys.map { try AuditText.line($0, "--why", max: 500) }
        guard (1...5).contains(whys.count) else { throw GembaError.invalid("give the chain of whys: 1 to 5 --why answers, first to last") }
        let cause = try AuditText.paragraph(rootCause, "--cause", max: 2000)
        return try changeCAPA(id, action: "capa.root-cause", by: username, doing: "root cause") { db, capa, policy in
            let state = CAPAState(rawValue: capa.state)
            let rule = policy.rule(FindingGrade(rawValue: capa.grade) ?? .major)
            let allowed = state == .contained || state == .rootCaused || (state == .open && !rule.containmentRequired)
                || (state == .actionsPlanned && capa.reopened > 0)
            guard allowed else {
                if state == .open {
                    throw GembaError.state("\(capa.id) is a \(capa.grade) CAPA: containment comes first (policies/capa.yaml); next: \(try nextCAPAStep(db, capa, policy: policy))")
                }
                throw try refusal(db, capa, policy: policy, doing: "root cause")
            }
            capa.whys = JSONList.encode(whys)
            capa.rootCause = cause
            capa.causeCategory = category.rawValue
            if state != .actionsPlanned { capa.state = CAPAState.rootCaused.rawValue }
        }
    }

    /// One change of a CAPA row by its owner or a `capa.manage` holder, in one transaction.
    func changeCAPA(
        _ id: String, action: String, by username: String, doing what: String, reason: String? = nil,
        _ change: (Database, inout CAPARecord, CAPAPolicy) throws -> Void
    ) throws -> CAPAView {
        let policy = try capaPolicy()
        return try exclusively {
            try store.write { db in
                var capa = try capaRecord(db, id)
                try requireCAPAWorker(db, username, capa, to: what)
                try change(db, &capa, policy)
                let now = now()
                capa.updatedAt = now
                try AuditTrail.track(db, .capa, key: capa.id, action: action, by: Actor(username: username, at: now, reason: reason)) { try capa.update(db) }
            }
            return try capaView(id)
        }
    }

    /// The CAPA's owner, or anyone whose role has `capa.manage`.
    func requireCAPAWorker(_ db: Database, _ username: String, _ capa: CAPARecord, to what: String) throws {
        let user = try activeUser(db, username)
        guard user.username == capa.owner || policies.permissions(ofRoles: user.roleList).contains(.capaManage) else {
            throw GembaError.permission("\(username) may not record \(what) on \(capa.id) (its owner \(capa.owner) or a role with capa.manage may)")
        }
    }

    func capaRecord(_ db: Database, _ id: String) throws -> CAPARecord {
        guard let capa = try CAPARecord.fetchOne(db, key: id.uppercased()) else {
            throw GembaError.notFound("no CAPA \(id) in this register; `gemba capa list` shows the CAPAs")
        }
        return capa
    }
}
