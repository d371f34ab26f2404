import Foundation
import GRDB
import Testing
@testable import GembaKit

/// Assignments follow approvals, releases and obsolescence (policies/training.yaml).
@Suite struct TrainingAssignmentTests {
    @Test func approvalAssignsTheRevisionToEveryHolderOfARequiredRole() throws {
        try withTrainingRegister { r in
            // Given an SOP in review (SOPs must be read by operators)
            let id = try r.createDocument()
            try r.startReview(id)
            try r.sign(id, "rita", .reviewed)
            #expect(try r.assignments(id).isEmpty)

            // When a wrong password fails the approval, then nobody is assigned
            #expect(throws: GembaError.self) { try r.sign(id, "pete", .approved, password: "wrong password!") }
            #expect(try r.assignments(id).isEmpty)

            // When the approver signs
            try r.sign(id, "pete", .approved)

            // Then both operators, and only they, must read rev A by the effective date plus 14 days
            let assignments = try r.assignments(id)
            #expect(assignments.map(\.username) == ["olga", "otto"])
            #expect(assignments.allSatisfy { $0.revision == "A" && $0.status == "open" && $0.roles == ["operator"] })
            #expect(assignments.allSatisfy { $0.dueDate == r.today.addingDays(14).description && $0.reason == "rev A approved" })
            // ... recorded in the approving transaction, between the approval and the release
            let trail = try r.register.trail(entity: id)
            let approve = try #require(trail.firstIndex { $0.action == "revision.approve" })
            let effective = try #require(trail.firstIndex { $0.action == "revision.effective" })
            let assigned = trail.indices.filter { trail[$0].action == "training.assign" }
            #expect(assigned.count == 2 && assigned.allSatisfy { $0 > approve && $0 < effective })
            #expect(assigned.allSatisfy { trail[$0].actor == "pete" && trail[$0].at == trail[approve].at })
        }
    }

    @Test func typesAndMinorChangesThatNeedNoTrainingAssignNothing() throws {
        try withTrainingRegister { r in
            // Given a form (training_required: false) released through its light route
            let form = try r.createDocument("FORM", title: "Torque record")
            try r.startReview(form)
            try r.sign(form, "pete", .approved)
            // Then nobody is assigned
            #expect(try r.assignments(form).isEmpty)

            // Given an SOP olga has read
            let id = try r.releasedDocument()
            try r.read(id, by: "olga")
            // When a minor revision is released
            try r.releaseRevision(id, .minor)
            // Then it has no assignments of its own and olga stays trained on rev A
            #expect(try r.assignments(id).filter { $0.revision == "B" && $0.username == "olga" }.isEmpty)
            let cell = try #require(try r.register.trainingMatrix().cell("olga", id))
            #expect(cell.status == .trained && cell.revision == "A")
        }
    }

    @Test func minorChangesNeedTrainingWhenThePolicySaysSo() throws {
        try withTrainingRegister(training: settingKey("minor_changes_need_training", to: "true")) { r in
            let id = try r.releasedDocument()
            try r.read(id, by: "olga")
            try r.releaseRevision(id, .minor)
            #expect(try r.assignment(id, "B", "olga")?.status == "open")
        }
    }

    @Test func dueDatesCountFromThePlannedEffectiveDate() throws {
        try withTrainingRegister(training: settingKey("due_days", to: "0")) { r in
            // Given a revision approved today that becomes effective in ten days
            let id = try r.createDocument()
            let effective = r.today.addingDays(10)
            try r.startReview(id, effectiveOn: effective)
            try r.signStandardRoute(id)

            // Then the assignment is due by the effective date (due_days: 0), for the approved revision
            let assignment = try #require(try r.assignment(id, "A", "olga"))
            #expect(assignment.dueDate == effective.description && assignment.revisionStatus == "approved")
            #expect(assignment.daysOverdue == -10)
        }
    }

    @Test func aNewRevisionNeedsANewAcknowledgement() throws {
        try withTrainingRegister { r in
            // Given olga signed rev A
            let id = try r.releasedDocument()
            try r.read(id, by: "olga")

            // When a major revision B is released
            r.advance(days: 30)
            try r.releaseRevision(id)

            // Then olga must read B: her acknowledgement of A does not count for it
            let b = try #require(try r.assignment(id, "B", "olga"))
            #expect(b.status == "open" && b.dueDate == r.today.addingDays(14).description)
            #expect(try r.assignment(id, "A", "olga")?.status == "signed")
            let cell = try #require(try r.register.trainingMatrix().cell("olga", id))
            #expect(cell.status == .due && cell.revision == "B")
            #expect(try r.read(id, by: "olga").revision == "B")
        }
    }

    @Test func releasingANewRevisionSupersedesUnsignedAssignmentsOfTheOldOne() throws {
        try withTrainingRegister { r in
            // Given otto never read rev A
            let id = try r.releasedDocument()
            r.advance(days: 30)

            // When rev B (major) is approved with a later effective date, A's assignment stays open
            try r.releaseRevision(id, effectiveOn: r.today.addingDays(5))
            #expect(try r.assignment(id, "A", "otto")?.status == "open")
            #expect(try r.assignment(id, "B", "otto")?.status == "open")

            // When B becomes effective
            r.advance(days: 5)
            try r.register.releaseDue()

            // Then A's open assignment is closed as superseded, B's stays open
            let a = try #require(try r.assignment(id, "A", "otto"))
            #expect(a.status == "superseded" && a.closedAt == Timestamp.string(r.clock.now()))
            #expect(try r.assignment(id, "B", "otto")?.status == "open")
            #expect(try r.actions(entity: id).contains("training.supersede"))
        }
    }

    @Test func aMinorReleaseCarriesOpenAssignmentsOver() throws {
        try withTrainingRegister { r in
            // Given otto has not read rev A yet
            let id = try r.releasedDocument()
            let due = try #require(try r.assignment(id, "A", "otto")).dueDate
            r.advance(days: 3)

            // When a minor rev B is released
            try r.releaseRevision(id, .minor)

            // Then otto's assignment moves to B with the same due date
            #expect(try r.assignment(id, "A", "otto")?.status == "superseded")
            let b = try #require(try r.assignment(id, "B", "otto"))
            #expect(b.status == "open" && b.dueDate == due && b.reason.contains("carried over from rev A"))
            #expect(try r.read(id, by: "otto").revision == "B")
        }
    }

    @Test func obsolescenceCancelsOpenAssignments() throws {
        try withTrainingRegister { r in
            // Given olga signed and otto did not
            let id = try r.releasedDocument()
            try r.read(id, by: "olga")

            // When the document is made obsolete through its route
            _ = try r.register.requestObsolete(id, reason: "Line dismantled", by: "carl")
            try r.sign(id, "rita", .reviewed)
            try r.sign(id, "pete", .approved)

            // Then otto's assignment is cancelled; olga's acknowledgement stays
            #expect(try r.assignment(id, "A", "otto")?.status == "cancelled")
            #expect(try r.assignment(id, "A", "olga")?.status == "signed")
            #expect(try r.register.trainingOverdue().isEmpty)
            #expect(try r.register.trainingMatrix().documents.isEmpty)
        }
    }
}
