import Foundation
import Testing
@testable import GembaKit

/// `gemba status`: what is late and due soon across the register.
@Suite("Register status")
struct StatusTests {
    @Test func freshRegisterHasNothingLate() throws {
        try withRegister { r in
            let status = try r.register.status(withinDays: 30)
            #expect(status.items.isEmpty)
            #expect(status.asOf == r.today.description)
        }
    }

    @Test func reviewStepPastItsDueDateIsOverdue() throws {
        try withRegister { r in
            // Given a review whose first step (reviewer, 5 days) opened today
            let id = try r.createDocument()
            try r.startReview(id)
            let due = r.today.addingDays(5)

            // then it is due soon, and overdue once the clock passes its due day
            let soon = try r.register.status(withinDays: 30)
            #expect(soon.dueSoon.map(\.reference) == ["\(id) rev A"])
            #expect(soon.dueSoon.first?.kind == "review-step")
            #expect(soon.dueSoon.first?.dueDate == due.description)
            #expect(soon.dueSoon.first?.daysOverdue == -5)
            #expect(try r.register.status(withinDays: 2).items.isEmpty)

            r.advance(days: 8)
            let late = try r.register.status(withinDays: 30)
            #expect(late.overdue.map(\.reference) == ["\(id) rev A"])
            #expect(late.overdue.first?.daysOverdue == 3)
        }
    }

    @Test func periodicReviewsAreListedMostOverdueFirst() throws {
        try withRegister { r in
            // Given two documents released a day apart with a one-month review interval
            let first = try r.releasedDocument(interval: 1)
            r.advance(days: 1)
            let second = try r.releasedDocument(interval: 1)

            // when 40 days pass
            r.advance(days: 40)
            let status = try r.register.status(withinDays: 30)

            // then both are overdue, the older first, with their day counts
            #expect(status.overdue.map(\.kind) == ["periodic-review", "periodic-review"])
            #expect(status.overdue.map(\.reference) == ["\(first) rev A", "\(second) rev A"])
            #expect(status.overdue.map(\.daysOverdue) == [status.overdue[1].daysOverdue + 1, status.overdue[1].daysOverdue])
            #expect(status.dueSoon.isEmpty)
        }
    }
}
