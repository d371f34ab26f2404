import Foundation
import GRDB
import Testing
@testable import GembaKit

/// The shipped `policies/training.yaml`.
func shippedTrainingPolicy() throws -> String {
    try String(contentsOf: shippedPolicyFolder.appendingPathComponent(TrainingPolicy.fileName), encoding: .utf8)
}

/// Operators added to every training test register, besides the staff of `TestRegister`.
let operators: [(String, String)] = [("olga", "Olga Operator"), ("otto", "Otto Operator")]

/// A fresh register with the shipped training policy (after `training`, a change of its text)
/// and two operators, olga and otto.
func withTrainingRegister<T>(training edit: @escaping (String) -> String = { $0 }, _ body: (TestRegister) throws -> T) throws -> T {
    let text = try shippedTrainingPolicy()
    return try withRegister(policies: [TrainingPolicy.fileName: { _ in edit(text) }]) { r in
        for (username, name) in operators {
            try r.register.addUser(NewUser(username: username, name: name, roles: ["operator"], password: TestRegister.password), by: r.credentials("ada"))
        }
        return try body(r)
    }
}

/// Replaces `key: value` on its own line of a YAML text.
func settingKey(_ key: String, to value: String) -> (String) -> String {
    { text in text.components(separatedBy: "\n").map { $0.hasPrefix("\(key):") ? "\(key): \(value)" : $0 }.joined(separator: "\n") }
}

extension TestRegister {
    /// Every assignment of a document, as the register shows them.
    func assignments(_ id: String) throws -> [TrainingAssignmentView] {
        try register.trainingStatus(of: id).assignments
    }

    func assignment(_ id: String, _ revision: String, _ username: String) throws -> TrainingAssignmentView? {
        try register.trainingAssignments(for: username, includeClosed: true).first { $0.document == id && $0.revision == revision }
    }

    @discardableResult
    func read(_ id: String, by username: String, revision: String? = nil, password: String = TestRegister.password) throws -> TrainingAssignmentView {
        try register.signTraining(id, revision: revision, signer: credentials(username, password: password))
    }

    /// Opens the next revision of an effective document with new text.
    func revise(_ id: String, _ changeClass: ChangeClass = .major, text: String = "# Steps\n\n1. Torque to 130 Nm.\n") throws {
        try register.reviseDocument(id, RevisionRequest(changeReason: "Torque raised", changeClass: changeClass, file: try markdown(text)), by: "alice")
    }

    /// Revises, reviews and approves a document (effective at once unless `effectiveOn`).
    func releaseRevision(_ id: String, _ changeClass: ChangeClass = .major, effectiveOn: Day? = nil) throws {
        try revise(id, changeClass)
        try startReview(id, effectiveOn: effectiveOn)
        try signStandardRoute(id)
    }

    func trailCount() throws -> Int { try register.trail().count }
}
