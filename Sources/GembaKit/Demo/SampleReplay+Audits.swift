import Foundation
import Yams

extension SampleReplay {
    /// The audits, findings, assessor reads and CAPAs of `sample-register/audits.yaml`, each
    /// step at its moment, through the same services a user calls.
    func scheduleAudits() throws {
        let url = sample.appendingPathComponent("audits.yaml")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let doc = try YAMLDocument(file: url.path, data: try SampleRegister.read(url))
        let ids = SampleIDs()
        let today = Day(now)
        for (index, node) in try doc.sequence(doc.root, "audits").enumerated() {
            try scheduleAudit(doc, node, ids: ids, today: today, spread: TimeInterval(index * 120))
        }
        for (index, node) in try doc.sequence(doc.root, "capas").enumerated() {
            try scheduleCAPA(doc, node, ids: ids, spread: TimeInterval(index * 300))
        }
    }

    private func scheduleAudit(_ doc: YAMLDocument, _ node: Node, ids: SampleIDs, today: Day, spread: TimeInterval) throws {
        let key = try doc.string(node, "key")
        let kindText = try doc.string(node, "kind")
        guard let kind = AuditKind(rawValue: kindText) else { throw doc.error(node, "unknown audit kind '\(kindText)'") }
        let startsAgo = try doc.int(node, "starts_days_ago", range: -365...3650)
        let starts = today.addingDays(-startsAgo)
        let new = NewAudit(
            kind: kind, title: try doc.string(node, "title"), standard: try doc.string(node, "standard"), clauses: try doc.string(node, "clauses"),
            areas: try optionalStrings(doc, node, "areas"), documents: try optionalStrings(doc, node, "documents"),
            auditingBody: try doc.optionalString(node, "body"), leadAuditor: try doc.string(node, "lead_auditor"), startsOn: starts,
            endsOn: starts.addingDays(try doc.int(node, "days", range: 1...30) - 1), checklist: try doc.optionalString(node, "checklist"))
        let plannedBy = try doc.string(node, "planned_by")
        schedule(at(Double(try doc.int(node, "planned_days_ago", range: 0...3650)), plus: 8 * 3600 + spread)) {
            ids.audits[key] = try self.register.createAudit(new, by: plannedBy)
        }
        if let assessor = try doc.mapping(node, "audit")["assessor"] {
            let person = NewAssessor(
                username: try doc.string(assessor, "user"), name: try doc.string(assessor, "name"), email: try doc.optionalString(assessor, "email"),
                password: demoPassword)
            let addedBy = try doc.string(assessor, "added_by")
            schedule(at(Double(try doc.int(assessor, "added_days_ago", range: 0...3650)), plus: 9 * 3600 + spread)) {
                _ = try self.register.addAssessor(try ids.audit(key), person, by: self.credentials(addedBy))
            }
            for (index, text) in try doc.strings(assessor, "reads_days_ago").enumerated() {
                guard let daysAgo = Int(text) else { throw doc.error(assessor, "reads_days_ago must list whole numbers") }
                schedule(at(Double(daysAgo), plus: 10 * 3600 + Double(index) * 5 * 3600 + spread)) {
                    try self.register.recordRead(try ids.audit(key), what: "audit show", by: person.username)
                }
            }
        }
        guard startsAgo > 0 else { return }
        schedule(at(Double(startsAgo), plus: 8.5 * 3600 + spread)) { _ = try self.register.startAudit(try ids.audit(key), by: plannedBy) }
        let lastDay = Double(startsAgo - (try doc.int(node, "days", range: 1...30)) + 1)
        let findings = try doc.mapping(node, "audit")["findings"] == nil ? [] : try doc.sequence(node, "findings")
        for (index, finding) in findings.enumerated() {
            let gradeText = try doc.string(finding, "grade")
            guard let grade = FindingGrade(rawValue: gradeText) else { throw doc.error(finding, "unknown grade '\(gradeText)'") }
            let new = NewFinding(
                grade: grade, clause: try doc.string(finding, "clause"), description: try doc.string(finding, "description"),
                evidence: try doc.string(finding, "evidence"), documents: try optionalStrings(doc, finding, "documents"),
                records: try optionalStrings(doc, finding, "records"), area: try doc.optionalString(finding, "area"), owner: try doc.string(finding, "owner"))
            schedule(at(lastDay, plus: 15 * 3600 + Double(index) * 600 + spread)) { _ = try self.register.addFinding(try ids.audit(key), new, by: plannedBy) }
        }
        if let reportAgo = try doc.optionalInt(node, "report_days_ago", range: 0...3650) {
            let summary = try doc.string(node, "report_summary")
            schedule(at(Double(reportAgo), plus: 10 * 3600 + spread)) { _ = try self.register.issueAuditReport(try ids.audit(key), summary: summary, by: plannedBy) }
        }
        if let closedAgo = try doc.optionalInt(node, "closed_days_ago", range: 0...3650) {
            schedule(at(Double(closedAgo), plus: 10 * 3600 + spread)) { _ = try self.register.closeAudit(try ids.audit(key), by: plannedBy) }
        }
    }

    private func scheduleCAPA(_ doc: YAMLDocument, _ node: Node, ids: SampleIDs, spread: TimeInterval) throws {
        func step(_ key: String) throws -> (node: Node, by: String, time: (Double) -> Date)? {
            guard let step = try doc.mapping(node, "capa")[key] else { return nil }
            let daysAgo = Double(try doc.int(step, "days_ago", range: 0...3650))
            return (step, try doc.string(step, "by"), { hours in self.at(daysAgo, plus: hours * 3600 + spread) })
        }
        let slot = ids.nextCAPASlot()
        let findings = try optionalStrings(doc, node, "findings")
        let source = try doc.optionalString(node, "source").map { text in
            guard let source = CAPASource(rawValue: text) else { throw doc.error(node, "unknown source '\(text)'") }
            return source
        }
        let grade = try doc.optionalString(node, "grade").map { text in try FindingGrade.parse(text) }
        let title = try doc.string(node, "title")
        let problem = try doc.string(node, "problem")
        let reference = try doc.optionalString(node, "reference")
        let owner = try doc.optionalString(node, "owner")
        guard let opened = try step("opened") else { throw doc.error(node, "a CAPA needs 'opened'") }
        schedule(opened.time(9)) {
            let new = NewCAPA(
                title: title, findings: try findings.map { try ids.finding($0) }, source: source, sourceReference: reference, grade: grade,
                owner: owner, problem: problem)
            ids.capas[slot] = try self.register.openCAPA(new, by: opened.by)
        }
        if let contained = try step("contained") {
            let text = try doc.string(contained.node, "action")
            schedule(contained.time(11)) { _ = try self.register.containCAPA(try ids.capa(slot), containment: text, by: contained.by) }
        }
        if let cause = try step("root_cause") {
            let whys = try doc.strings(cause.node, "whys")
            let text = try doc.string(cause.node, "cause")
            let categoryText = try doc.string(cause.node, "category")
            guard let category = CauseCategory(rawValue: categoryText) else { throw doc.error(cause.node, "unknown cause category '\(categoryText)'") }
            schedule(cause.time(13)) {
                _ = try self.register.recordRootCause(try ids.capa(slot), whys: whys, rootCause: text, category: category, by: cause.by)
            }
        }
        let actions = try doc.mapping(node, "capa")["actions"] == nil ? [] : try doc.sequence(node, "actions")
        for (index, action) in actions.enumerated() {
            let revise = try doc.optionalString(action, "revise")
            let revision = try doc.optionalString(action, "revision")
            let text = try doc.optionalString(action, "action") ?? "Revise \(revise ?? "")\(revision.map { " to rev \($0)" } ?? "")"
            let actionOwner = try doc.string(action, "owner")
            let due = Day(now).addingDays(-(try doc.int(action, "due_days_ago", range: -3650...3650)))
            let planner = try doc.optionalString(action, "planned_by") ?? owner ?? opened.by
            let offset = Double(index) * 60 + spread
            schedule(at(Double(try doc.int(action, "planned_days_ago", range: 0...3650)), plus: 14 * 3600 + offset)) {
                _ = try self.register.addCAPAAction(
                    try ids.capa(slot), NewCAPAAction(description: text, owner: actionOwner, dueOn: due, document: revise, revision: revision), by: planner)
            }
            if let doneAgo = try doc.optionalInt(action, "done_days_ago", range: 0...3650) {
                let evidence = try doc.string(action, "evidence")
                schedule(at(Double(doneAgo), plus: 15 * 3600 + offset)) {
                    _ = try self.register.completeCAPAAction("\(try ids.capa(slot))/A\(index + 1)", evidence: evidence, by: actionOwner)
                }
            }
        }
        if let verified = try step("verified") {
            schedule(verified.time(16)) { _ = try self.register.verifyCAPA(try ids.capa(slot), signer: self.credentials(verified.by)) }
        }
        if let check = try step("effectiveness") {
            let resultText = try doc.string(check.node, "result")
            guard let result = EffectivenessResult(rawValue: resultText) else { throw doc.error(check.node, "result must be effective or not-effective") }
            let comment = try doc.optionalString(check.node, "comment")
            schedule(check.time(10)) {
                _ = try self.register.checkCAPAEffectiveness(try ids.capa(slot), result: result, signer: self.credentials(check.by), comment: comment)
            }
        }
        if let closed = try step("closed") {
            let meaningText = try doc.string(closed.node, "meaning")
            guard let meaning = CAPASignatureMeaning(rawValue: meaningText) else { throw doc.error(closed.node, "meaning must be approved or responsibility") }
            schedule(closed.time(15)) { _ = try self.register.closeCAPA(try ids.capa(slot), meaning: meaning, signer: self.credentials(closed.by)) }
        }
    }

    private func optionalStrings(_ doc: YAMLDocument, _ node: Node, _ key: String) throws -> [String] {
        try doc.mapping(node, "entry")[key] == nil ? [] : try doc.strings(node, key)
    }
}

/// IDs the register gives as the sample replays, looked up by later events.
private final class SampleIDs {
    var audits: [String: String] = [:]
    var capas: [Int: String] = [:]
    private var slots = 0

    func nextCAPASlot() -> Int {
        slots += 1
        return slots
    }

    func audit(_ key: String) throws -> String {
        guard let id = audits[key] else { throw GembaError(.invalidInput, "sample-register/audits.yaml: audit '\(key)' is used before it is planned") }
        return id
    }

    /// `surveillance/3` -> `AUD-2026-001/F3`.
    func finding(_ reference: String) throws -> String {
        let parts = reference.split(separator: "/")
        guard parts.count == 2, let number = Int(parts[1]) else {
            throw GembaError(.invalidInput, "sample-register/audits.yaml: finding '\(reference)' must be AUDIT-KEY/NUMBER")
        }
        return "\(try audit(String(parts[0])))/F\(number)"
    }

    func capa(_ slot: Int) throws -> String {
        guard let id = capas[slot] else { throw GembaError(.invalidInput, "sample-register/audits.yaml: CAPA \(slot) is used before it is opened") }
        return id
    }
}
