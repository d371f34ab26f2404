import Foundation
import GRDB
import Testing
@testable import GembaKit

/// People given a role later, new accounts, document-specific requirements and areas.
@Suite struct TrainingRoleTests {
    @Test func aRoleGivenLaterAssignsEveryEffectiveDocumentItNeeds() throws {
        try withTrainingRegister { r in
            // Given an effective SOP and WI, a form, and an SOP still in draft
            let sop = try r.releasedDocument()
            let wi = try r.releasedDocument("WI")
            let form = try r.createDocument("FORM", title: "Torque record")
            let draft = try r.createDocument(title: "Not yet approved")
            r.advance(days: 10)

            // When the administrator makes rita an operator
            let change = try r.register.changeRoles(of: "rita", add: ["operator"], remove: [], by: r.credentials("ada"))

            // Then rita must read the effective SOP and WI, due in new_role_due_days (30) from today
            #expect(change.added == ["operator"] && change.person.roles == ["operator", "reviewer"])
            #expect(Set(change.training.assigned.map(\.document)) == [sop, wi])
            #expect(change.training.assigned.allSatisfy { $0.username == "rita" && $0.dueDate == r.today.addingDays(30).description })
            #expect(try r.assignments(form).isEmpty && r.assignments(draft).isEmpty)
            // ... in the same transaction as the role change
            let trail = try r.register.trail()
            let roles = try #require(trail.lastIndex { $0.action == "user.roles" })
            #expect(trail[(roles + 1)...].map(\.action) == ["training.assign", "training.assign"])
            #expect(trail[(roles + 1)...].allSatisfy { $0.at == trail[roles].at && $0.actor == "ada" })
        }
    }

    @Test func aRemovedRoleCancelsWhatNoOtherRoleRequires() throws {
        try withTrainingRegister { r in
            let id = try r.releasedDocument()
            let change = try r.register.changeRoles(of: "otto", add: ["viewer"], remove: ["operator"], reason: "moved to the office", by: r.credentials("ada"))
            #expect(change.training.cancelled.map(\.document) == [id])
            #expect(try r.assignment(id, "A", "otto")?.status == "cancelled")
            // Given back the role, the cancelled assignment reopens with a new due date
            r.advance(days: 5)
            let back = try r.register.changeRoles(of: "otto", add: ["operator"], remove: ["viewer"], by: r.credentials("ada"))
            #expect(back.training.assigned.first?.dueDate == r.today.addingDays(30).description)
            #expect(try r.assignment(id, "A", "otto")?.status == "open")
        }
    }

    @Test func roleChangesNeedAnAdministratorAndLeaveOneBehind() throws {
        try withTrainingRegister { r in
            let id = try r.releasedDocument()
            let before = try r.assignments(id).count
            // A wrong administrator password changes nothing and is recorded
            let wrong = try #require(throws: GembaError.self) {
                try r.register.changeRoles(of: "rita", add: ["operator"], remove: [], by: r.credentials("ada", password: "wrong password!"))
            }
            #expect(wrong.kind == .authentication)
            #expect(try r.register.users().first { $0.username == "rita" }?.roles == ["reviewer"])
            #expect(try r.assignments(id).count == before)
            // Someone who is not an administrator may not
            let notAdmin = try #require(throws: GembaError.self) { try r.register.changeRoles(of: "rita", add: ["operator"], remove: [], by: r.credentials("carl")) }
            #expect(notAdmin.kind == .permission)
            // The last administrator keeps the role; roles must exist; something must change
            #expect(throws: GembaError.self) { try r.register.changeRoles(of: "ada", add: ["viewer"], remove: ["admin"], by: r.credentials("ada")) }
            #expect(throws: GembaError.self) { try r.register.changeRoles(of: "rita", add: ["wizard"], remove: [], by: r.credentials("ada")) }
            #expect(throws: GembaError.self) { try r.register.changeRoles(of: "rita", add: ["reviewer"], remove: [], by: r.credentials("ada")) }
            #expect(throws: GembaError.self) { try r.register.changeRoles(of: "rita", add: [], remove: ["reviewer"], by: r.credentials("ada")) }
        }
    }

    @Test func aNewAccountGetsTheEffectiveDocumentsOfItsRoles() throws {
        try withTrainingRegister { r in
            let id = try r.releasedDocument()
            try r.register.addUser(NewUser(username: "nina", name: "Nina New", roles: ["operator"], password: TestRegister.password), by: r.credentials("ada"))
            let assignment = try #require(try r.assignment(id, "A", "nina"))
            #expect(assignment.status == "open" && assignment.reason == "account added")
        }
    }

    @Test func aDocumentsOwnRequirementOverridesItsType() throws {
        try withTrainingRegister { r in
            // Given an effective SOP (operators must read it); olga has read it
            let id = try r.releasedDocument()
            try r.read(id, by: "olga")

            // When the coordinator says reviewers must read it instead
            let change = try r.register.requireTraining(id, roles: ["reviewer"], reason: "Engineering procedure", by: "carl")

            // Then the reviewers are assigned, otto's open assignment is cancelled, olga's acknowledgement stays
            #expect(change.requirement.roles == ["reviewer"] && change.requirement.source == "document" && change.requirement.setBy == "carl")
            #expect(Set(change.changes.assigned.map(\.username)) == ["rita", "rob", "vera"])
            #expect(change.changes.cancelled.map(\.username) == ["otto"])
            #expect(try r.assignment(id, "A", "olga")?.status == "signed")
            // ... and the next revision goes to the reviewers
            try r.releaseRevision(id)
            #expect(Set(try r.assignments(id).filter { $0.revision == "B" }.map(\.username)) == ["rita", "rob", "vera"])

            // When it returns to its type's roles, the operators are assigned the effective revision again
            let reset = try r.register.requireTraining(id, roles: nil, reason: "Back to the SOP default", by: "quinn")
            #expect(reset.requirement.source == "type" && reset.requirement.roles == ["operator"])
            #expect(Set(reset.changes.assigned.map(\.username)) == ["olga", "otto"])
            #expect(try r.actions(entity: id).contains("training.require-type"))
        }
    }

    @Test func requirementChangesAreCheckedAndAuthorised() throws {
        try withTrainingRegister { r in
            let id = try r.releasedDocument()
            let denied = try #require(throws: GembaError.self) { try r.register.requireTraining(id, roles: ["reviewer"], reason: "x", by: "alice") }
            #expect(denied.kind == .permission)
            #expect(throws: GembaError.self) { try r.register.requireTraining(id, roles: ["wizard"], reason: "x", by: "carl") }
            #expect(throws: GembaError.self) { try r.register.requireTraining(id, roles: nil, reason: "x", by: "carl") }
            #expect(throws: GembaError.self) { try r.register.requireTraining(id, roles: ["reviewer"], reason: " ", by: "carl") }
            // Nobody at all: the open assignments are cancelled
            let none = try r.register.requireTraining(id, roles: [], reason: "Superseded by the torque WI", by: "carl")
            #expect(none.requirement.roles.isEmpty && none.changes.cancelled.count == 2)
            #expect(throws: GembaError.self) { try r.register.requireTraining(id, roles: [], reason: "again", by: "carl") }
        }
    }

    @Test func areasAreCheckedAgainstThePolicy() throws {
        try withTrainingRegister { r in
            #expect(try r.register.setAreas(of: "olga", to: ["L2", "L3", "L2"], by: "carl") == ["L2", "L3"])
            #expect(try r.register.areas(of: "olga") == ["L2", "L3"])
            #expect(try r.register.setAreas(of: "olga", to: ["L1"], by: "ada") == ["L1"])
            #expect(try r.actions(entity: "olga").suffix(3) == ["user.area-remove", "user.area-remove", "user.area-add"])
            let unknown = try #require(throws: GembaError.self) { try r.register.setAreas(of: "olga", to: ["L9"], by: "carl") }
            #expect(unknown.message.contains("unknown area 'L9'"))
            #expect(throws: GembaError.self) { try r.register.setAreas(of: "olga", to: ["L2"], by: "alice") }
            #expect(throws: GembaError.self) { try r.register.setAreas(of: "nobody", to: ["L2"], by: "carl") }
            #expect(throws: GembaError.self) { try r.register.setAreas(of: "olga", to: ["L1"], by: "carl") }
            #expect(try r.register.areas(of: "olga") == ["L1"])
        }
    }
}
