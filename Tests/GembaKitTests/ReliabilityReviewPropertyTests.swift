import Foundation
import GRDB
import PropertyBased
import Testing
@testable import GembaKit

/// What one person can try on a document's review: the commands of the review state machine,
/// right and wrong (wrong signer, wrong meaning, wrong password, the author signing, out of order).
enum ReviewCommand: String, CaseIterable, Sendable {
    case startReview, startReviewEffectiveLater, reviewByRita, reviewByVera, reviewByQuinn, approveByPete, approveByPam, approveByVera
    case approveByAuthor, reviewByApprover, approveWithWrongPassword, signTwiceByRita, rejectByRita, editDraft, revise
    case requestObsolete, approveObsoleteByPete, advanceThreeDays, releaseDue
    /// The next step of the happy path, whatever it is: the first of start, review, approve and
    /// release that is accepted. Drawn as often as all the others together, so sequences get deep.
    case proceed

    static var allCases: [ReviewCommand] {
        let others: [ReviewCommand] = [
            .startReview, .startReviewEffectiveLater, .reviewByRita, .reviewByVera, .reviewByQuinn, .approveByPete, .approveByPam, .approveByVera,
            .approveByAuthor, .reviewByApprover, .approveWithWrongPassword, .signTwiceByRita, .rejectByRita, .editDraft, .revise,
            .requestObsolete, .approveObsoleteByPete, .advanceThreeDays, .releaseDue,
        ]
        return others + Array(repeating: .proceed, count: others.count)
    }

    /// Runs the command; a refusal (GembaError of a user-caused kind) is part of the game.
    func run(_ r: TestRegister, _ id: String) throws {
        switch self {
        case .startReview: try r.startReview(id)
        case .startReviewEffectiveLater: try r.startReview(id, effectiveOn: r.today.addingDays(2))
        case .reviewByRita: try r.sign(id, "rita", .reviewed)
        case .reviewByVera: try r.sign(id, "vera", .reviewed)
        case .reviewByQuinn: try r.sign(id, "quinn", .reviewed)
        case .approveByPete, .approveObsoleteByPete: try r.sign(id, "pete", .approved)
        case .approveByPam: try r.sign(id, "pam", .approved)
        case .approveByVera: try r.sign(id, "vera", .approved)
        case .approveByAuthor: try r.sign(id, "alice", .approved)
        case .reviewByApprover: try r.sign(id, "pete", .reviewed)
        case .approveWithWrongPassword: try r.sign(id, "pam", .approved, password: "not the password")
        case .signTwiceByRita:
            try r.sign(id, "rita", .reviewed)
            try r.sign(id, "rita", .reviewed)
        case .rejectByRita: _ = try r.register.reject(id, comment: "Step 3 is unclear", signer: r.credentials("rita"))
        case .editDraft:
            try r.register.editDraft(id, DraftEdit(file: try r.markdown("# Steps\n\n1. Torque to \(Int.random(in: 100...140)) Nm.\n")), by: "alice")
        case .revise:
            _ = try r.register.reviseDocument(id, RevisionRequest(changeReason: "Torque changed", changeClass: .minor), by: "alice")
        case .requestObsolete: _ = try r.register.requestObsolete(id, reason: "Line L1 dismantled", by: "carl")
        case .advanceThreeDays: r.advance(days: 3)
        case .releaseDue: _ = try r.register.releaseDue()
        case .proceed:
            var refusal: GembaError?
            for step in [ReviewCommand.startReview, .reviewByRita, .reviewByQuinn, .approveByPete, .approveByPam, .revise] {
                do {
                    return try step.run(r, id)
                } catch let error as GembaError {
                    refusal = error
                }
            }
            if let refusal { throw refusal }
        }
    }
}

/// Property-based tests of the review state machine (x-sheep/swift-property-based): whatever the
/// sequence of commands, no revision becomes approved or effective without every signature its
/// route needs, and the register verifies clean after every sequence.
@Suite("Reliability: review state machine properties")
struct ReliabilityReviewPropertyTests {
    static let count = ProcessInfo.processInfo.environment["GEMBA_PROPERTY_COUNT"].flatMap(Int.init) ?? 25

    @Test func noRevisionIsEffectiveWithoutItsSignatures() async {
        var reached: [String: Int] = [:]
        await propertyCheck(count: Self.count, input: Gen<ReviewCommand>.case.array(of: 1...14), Gen.bool) { commands, policy in
            do {
                try withRegister { r in
                    // Given a new SOP (standard route) or policy (quality review, two approvals)
                    let id = try r.createDocument(policy ? "POLICY" : "SOP")
                    var refused: [String] = []
                    for command in commands {
                        // when each command is tried,
                        do {
                            try command.run(r, id)
                        } catch let error as GembaError where ![.integrity, .storage, .register].contains(error.kind) {
                            refused.append("\(command): \(error.kind)")
                        }
                        // then after every one, nothing is further along than its signatures allow,
                        let broken = try unsignedProgress(r)
                        #expect(broken.isEmpty, "after \(commands) (refused: \(refused)): \(broken)")
                    }
                    // and the register verifies clean.
                    let problems = try r.problems()
                    #expect(problems.isEmpty, "after \(commands): \(problems)")
                    for status in try r.register.store.read({ db in try String.fetchAll(db, sql: "SELECT DISTINCT status FROM revision") }) {
                        reached[status, default: 0] += 1
                    }
                }
            } catch {
                Issue.record("after \(commands): \(error)")
            }
        }
        print("review properties: \(Self.count) sequences; revisions reached per sequence: \(reached.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    }

    @Test func theInvariantSeesARevisionMadeEffectiveByHand() throws {
        try withRegister { r in
            // Given a document in review with its review signed, when its revision is set effective by hand
            let id = try r.createDocument()
            try r.startReview(id)
            try r.sign(id, "rita", .reviewed)
            #expect(try unsignedProgress(r).isEmpty)
            try r.handEdit("UPDATE revision SET status = 'effective' WHERE document_id = ?", [id])

            // then the property's check reports it (so the property can fail).
            #expect(try unsignedProgress(r) == ["\(id)/A is effective without its signatures", "\(id)/A is effective without a release commit and tag"])
        }
    }

    /// Revisions and documents further along than their signatures allow, checked from the
    /// records alone (independently of `verify`).
    private func unsignedProgress(_ r: TestRegister) throws -> [String] {
        try r.register.store.read { db in
            var broken: [String] = []
            for revision in try RevisionRecord.fetchAll(db) where ["approved", "effective", "superseded"].contains(revision.status) {
                let cycles = try ReviewCycleRecord.filter(Column("document_id") == revision.documentId && Column("revision_letter") == revision.letter
                    && Column("kind") == "revision" && Column("status") == "approved").fetchAll(db)
                let signed = try cycles.contains { cycle in
                    let steps = try r.register.steps(of: cycle)
                    let signatures = try SignatureRecord.filter(Column("cycle_id") == cycle.id).fetchAll(db)
                    let roles = Dictionary(uniqueKeysWithValues: try UserRecord.fetchAll(db).map { ($0.username, $0.roleList) })
                    return cycle.pinnedCommit == revision.draftCommit && steps.indices.allSatisfy { index in
                        let step = signatures.filter { $0.stepIndex == index }
                        return step.count >= steps[index].signatures && Set(step.map(\.username)).count == step.count
                            && step.allSatisfy { $0.meaning == steps[index].meaning.rawValue && $0.username != revision.author && roles[$0.username]?.contains(steps[index].role) == true }
                    }
                }
                if !signed { broken.append("\(revision.key) is \(revision.status) without its signatures") }
                if revision.status != "approved", revision.releaseCommit == nil || revision.tagObject == nil {
                    broken.append("\(revision.key) is \(revision.status) without a release commit and tag")
                }
            }
            for document in try DocumentRecord.fetchAll(db) where document.obsoleteAt != nil {
                let approved = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM review_cycle c WHERE c.document_id = ? AND c.kind = 'obsolete' AND c.status = 'approved'
                      AND EXISTS (SELECT 1 FROM signature s WHERE s.cycle_id = c.id)
                    """, arguments: [document.id]) ?? 0
                if approved == 0 { broken.append("\(document.id) is obsolete without a signed obsolete cycle") }
            }
            return broken
        }
    }
}
