import Foundation
import GRDB
import PropertyBased
import Testing
@testable import GembaKit

/// The commands of the CAPA state machine, right and wrong: each step by its owner or by the
/// wrong person, signatures with a wrong password, out of order, and time passing.
enum CAPACommand: String, CaseIterable, Sendable {
    case contain, rootCause, addAction, completeActions, verifyByQuinn, verifyByOwner, verifyWithWrongPassword
    case effectiveByQuinn, notEffectiveByQuinn, closeByQuinn, closeByPete, closeWithWrongMeaning, advanceSixtyDays
    /// The next step of the happy path from the CAPA's state; drawn as often as all the others together.
    case proceed

    static var allCases: [CAPACommand] {
        let others: [CAPACommand] = [
            .contain, .rootCause, .addAction, .completeActions, .verifyByQuinn, .verifyByOwner, .verifyWithWrongPassword,
            .effectiveByQuinn, .notEffectiveByQuinn, .closeByQuinn, .closeByPete, .closeWithWrongMeaning, .advanceSixtyDays,
        ]
        return others + Array(repeating: .proceed, count: others.count)
    }

    func run(_ r: TestRegister, _ id: String) throws {
        switch self {
        case .contain: try r.contain(id)
        case .rootCause: try r.rootCause(id)
        case .addAction: try r.addAction(id)
        case .completeActions:
            for action in try r.register.capaView(id).actions where action.status != "done" { try r.complete(action.id) }
        case .verifyByQuinn: try r.verifyCAPA(id)
        case .verifyByOwner: try r.verifyCAPA(id, by: "rob")
        case .verifyWithWrongPassword: _ = try r.register.verifyCAPA(id, signer: r.credentials("quinn", password: "not the password"))
        case .effectiveByQuinn: try r.effectiveness(id, .effective)
        case .notEffectiveByQuinn: try r.effectiveness(id, .notEffective)
        case .closeByQuinn: _ = try r.register.closeCAPA(id, meaning: .approved, signer: r.credentials("quinn"))
        case .closeByPete: _ = try r.register.closeCAPA(id, meaning: .approved, signer: r.credentials("pete"))
        case .closeWithWrongMeaning: _ = try r.register.closeCAPA(id, meaning: .verified, signer: r.credentials("quinn"))
        case .advanceSixtyDays: r.advance(days: 60)
        case .proceed:
            switch CAPAState(rawValue: try r.capaState(id)) ?? .closed {
            case .open: try CAPACommand.contain.run(r, id)
            case .contained: try CAPACommand.rootCause.run(r, id)
            case .rootCaused: try CAPACommand.addAction.run(r, id)
            case .actionsPlanned:
                let open = try r.register.capaView(id).actions.contains { $0.status != "done" }
                try (open ? CAPACommand.completeActions : .addAction).run(r, id)
            case .actionsDone: try CAPACommand.verifyByQuinn.run(r, id)
            case .verified:
                r.advance(days: 60)
                try CAPACommand.effectiveByQuinn.run(r, id)
            case .effective: try CAPACommand.closeByQuinn.run(r, id)
            case .closed: break
            }
        }
    }
}

/// Property-based tests of the CAPA state machine: no sequence of commands closes a CAPA (or
/// makes it verified or effective) without the signatures of those steps in its current plan
/// round, and the register verifies clean after every sequence.
@Suite("Reliability: CAPA state machine properties")
struct ReliabilityCAPAPropertyTests {
    @Test func noCAPAIsClosedWithoutItsSignatures() async {
        // Seven steps lead to closed: sequences are long enough to get there often.
        var reached: [String: Int] = [:]
        await propertyCheck(count: ReliabilityReviewPropertyTests.count, input: Gen<CAPACommand>.case.array(of: 4...24)) { commands in
            do {
                try withAuditRegister { r in
                    // Given a major CAPA opened for an audit finding, owned by rob
                    let id = try r.capaForFinding(.major)
                    var refused: [String] = []
                    for command in commands {
                        // when each command is tried,
                        do {
                            try command.run(r, id)
                        } catch let error as GembaError where ![.integrity, .storage, .register].contains(error.kind) {
                            refused.append("\(command): \(error.kind)")
                        }
                        // then after every one, its state is no further along than its signatures allow,
                        let missing = try missingSignatures(r, id)
                        #expect(missing.isEmpty, "after \(commands) (refused: \(refused)): \(missing)")
                    }
                    // and the register verifies clean.
                    let problems = try r.problems()
                    #expect(problems.isEmpty, "after \(commands): \(problems)")
                    reached[try r.capaState(id), default: 0] += 1
                }
            } catch {
                Issue.record("after \(commands): \(error)")
            }
        }
        print("CAPA properties: \(ReliabilityReviewPropertyTests.count) sequences; final states: \(reached.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    }

    @Test func theInvariantSeesACAPAClosedByHand() throws {
        try withAuditRegister { r in
            // Given a CAPA whose actions are done, when it is set closed by hand
            let id = try r.capa(at: .actionsDone)
            #expect(try missingSignatures(r, id).isEmpty)
            try r.handEdit("UPDATE capa SET state = 'closed', closed_at = updated_at WHERE id = ?", [id])

            // then the property's check reports it (so the property can fail).
            #expect(try missingSignatures(r, id) == [
                "closed without a verification", "closed without an effective check", "closed without a closure signature", "closed by someone without the closure role",
            ])
        }
    }

    /// The signatures the CAPA's state needs in its current plan round but lacks, from the records.
    private func missingSignatures(_ r: TestRegister, _ id: String) throws -> [String] {
        try r.register.store.read { db in
            guard let capa = try CAPARecord.fetchOne(db, key: id) else { return ["\(id) is missing"] }
            let given = try CAPASignatureRecord.filter(Column("capa_id") == id && Column("plan_round") == capa.reopened).fetchAll(db)
            let users = Dictionary(uniqueKeysWithValues: try UserRecord.fetchAll(db).map { ($0.username, $0) })
            func has(_ step: String, _ meanings: Set<String>) -> Bool {
                given.contains { $0.step == step && meanings.contains($0.meaning) && $0.username != capa.owner && users[$0.username]?.active == true }
            }
            var missing: [String] = []
            let state = CAPAState(rawValue: capa.state) ?? .open
            if [.verified, .effective, .closed].contains(state), !has("verification", ["verified"]) { missing.append("\(state) without a verification") }
            if [.effective, .closed].contains(state), !has("effectiveness", ["effective"]) { missing.append("\(state) without an effective check") }
            if state == .closed, !has("closure", ["approved", "responsibility"]) { missing.append("closed without a closure signature") }
            if state == .closed, !given.contains(where: { $0.step == "closure" && users[$0.username]?.roleList.contains("quality") == true }) {
                missing.append("closed by someone without the closure role")
            }
            return missing
        }
    }
}
