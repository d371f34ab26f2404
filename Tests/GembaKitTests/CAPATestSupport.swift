import Foundation
import GRDB
import Testing
@testable import GembaKit

/// A fresh register with the shipped audit and CAPA policies (`capa.yaml`, the ISO 9001
/// checklist); `capa` edits the text of capa.yaml.
func withAuditRegister<T>(capa edit: ((String) -> String)? = nil, _ body: (TestRegister) throws -> T) throws -> T {
    var edits: [String: (String) -> String] = [:]
    for name in [CAPAPolicy.fileName, "audit-checklist-iso9001.yaml"] {
        let text = try String(contentsOf: shippedPolicyFolder.appendingPathComponent(name), encoding: .utf8)
        edits[name] = { _ in name == CAPAPolicy.fileName ? (edit ?? { $0 })(text) : text }
    }
    return try withRegister(policies: edits, body)
}

extension TestRegister {
    /// An ISO 9001 surveillance audit planned by carl for the next two days.
    @discardableResult
    func plannedAudit(checklist: String? = nil, days: Int = 2) throws -> String {
        try register.createAudit(
            NewAudit(kind: .surveillance, title: "ISO 9001 surveillance audit", standard: "ISO 9001:2015", clauses: "7.1.5, 7.5, 8.5.1, 10.2",
                     areas: ["L1", "L2"], auditingBody: "Nordcert GmbH", leadAuditor: "Petra Hallmann", startsOn: today,
                     endsOn: today.addingDays(days - 1), checklist: checklist),
            by: "carl")
    }

    /// A started audit.
    func auditInProgress(checklist: String? = nil) throws -> String {
        let id = try plannedAudit(checklist: checklist)
        _ = try register.startAudit(id, by: "carl")
        return id
    }

    /// A finding of `grade` owned by rob in a new audit in progress.
    func finding(_ grade: FindingGrade, in audit: String? = nil) throws -> FindingView {
        let id = try audit ?? auditInProgress()
        return try register.addFinding(
            id, NewFinding(grade: grade, clause: "7.1.5.2", description: "Gauge G-114 used 3 weeks past its calibration date",
                           evidence: "Calibration label and record CAL-2026-311", records: ["CAL-2026-311"], area: "L1", owner: "rob"),
            by: "carl")
    }

    /// A CAPA opened by carl for a new finding of `grade`, owned by rob.
    func capaForFinding(_ grade: FindingGrade = .major) throws -> String {
        let finding = try finding(grade)
        return try register.openCAPA(NewCAPA(title: "Gauges used past calibration", findings: [finding.id], problem: "Gauge G-114 used past due"), by: "carl")
    }

    func contain(_ id: String) throws {
        _ = try register.containCAPA(id, containment: "All gauges checked; two quarantined", by: "rob")
    }

    func rootCause(_ id: String) throws {
        _ = try register.recordRootCause(
            id, whys: ["Nobody saw the due date", "The calibration list is on paper", "No reminder exists"],
            rootCause: "No system reminds owners of calibration due dates", category: .method, by: "rob")
    }

    @discardableResult
    func addAction(_ id: String, description: String = "Put the calibration list into the CMMS with reminders", due: Day? = nil) throws -> CAPAActionView {
        try register.addCAPAAction(id, NewCAPAAction(description: description, owner: "rob", dueOn: due), by: "rob")
    }

    func complete(_ action: String) throws {
        _ = try register.completeCAPAAction(action, evidence: "CMMS work order WO-88121 closed with screenshots", by: "rob")
    }

    @discardableResult
    func verifyCAPA(_ id: String, by username: String = "quinn") throws -> CAPAView {
        try register.verifyCAPA(id, signer: credentials(username))
    }

    @discardableResult
    func effectiveness(_ id: String, _ result: EffectivenessResult, by username: String = "quinn") throws -> CAPAView {
        try register.checkCAPAEffectiveness(id, result: result, signer: credentials(username), comment: result == .effective ? nil : "Gauge found overdue again")
    }

    /// A major CAPA brought to `state` through every step before it.
    func capa(at state: CAPAState) throws -> String {
        let id = try capaForFinding(.major)
        let order: [CAPAState] = [.open, .contained, .rootCaused, .actionsPlanned, .actionsDone, .verified, .effective, .closed]
        for step in order.prefix(while: { $0 != state }) {
            switch step {
            case .open: try contain(id)
            case .contained: try rootCause(id)
            case .rootCaused: try addAction(id)
            case .actionsPlanned: try complete("\(id)/A1")
            case .actionsDone: try verifyCAPA(id)
            case .verified:
                advance(days: 60)
                try effectiveness(id, .effective)
            case .effective: _ = try register.closeCAPA(id, meaning: .approved, signer: credentials("quinn"))
            case .closed: break
            }
        }
        return id
    }

    func capaState(_ id: String) throws -> String {
        try register.capaView(id).summary.state
    }
}

/// Expects `body` to fail with a GembaError of `kind` whose message contains `text`.
func expectAuditRefusal(_ kind: GembaError.Kind, _ text: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a \(kind) error containing '\(text)'", sourceLocation: sourceLocation)
    } catch let error as GembaError {
        #expect(error.kind == kind && error.message.contains(text), "\(error.kind): \(error.message)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
