import Foundation
import GembaKit
import Testing

/// `review overdue` and `review due` on a register made today (nothing can be overdue yet:
/// the clock of a subprocess cannot be moved; the demo register covers the overdue case).
@Suite struct PeriodicReviewTests {
    @Test func nothingOverdueExitsZero() throws {
        try Sandbox.with { s in
            // Given two effective SOPs, one reviewed every 24 months, one every month
            try s.setUpPlant()
            _ = try s.effectiveSOP(title: "Line clearance")
            _ = try s.effectiveSOP(title: "Shift handover", file: "handover.md", options: ["--review-interval", "1"])

            // When the overdue reviews are asked for
            let text = try s.gemba("review", "overdue")
            let json = try s.gemba("review", "overdue", "--json")

            // Then none is overdue and both exit 0
            #expect(text.succeeded && text.stdout == "No periodic review is overdue.\n", "\(text)")
            #expect(try decodeJSON(PeriodicReviewList.self, json).items.isEmpty, "\(json)")
        }
    }

    @Test func reviewDueLooksAheadByTheGivenDays() throws {
        try Sandbox.with { s in
            // Given an SOP released today with a one-month review interval, and one with the type's 24 months
            try s.setUpPlant()
            _ = try s.effectiveSOP(title: "Line clearance")
            let monthly = try s.effectiveSOP(title: "Shift handover", file: "handover.md", options: ["--review-interval", "1"])
            let dueDate = utcDay(addingMonths: 1)
            let daysAhead = (28...31).first { utcDay(days: $0) == dueDate } ?? -1
            try #require(daysAhead > 0)

            // When the reviews due within 30 days, and within the days until the due date and one less, are asked for
            let within30 = try decodeJSON(PeriodicReviewList.self, try s.gemba("review", "due", "--within", "30", "--json")).items
            let onTheDay = try decodeJSON(PeriodicReviewList.self, try s.gemba("review", "due", "--within", String(daysAhead), "--json")).items
            let dayBefore = try decodeJSON(PeriodicReviewList.self, try s.gemba("review", "due", "--within", String(daysAhead - 1), "--json")).items

            // Then the monthly SOP is listed exactly when its due date falls inside the window
            #expect(within30.map(\.document) == (daysAhead <= 30 ? [monthly] : []))
            let due = try #require(onTheDay.first)
            #expect(onTheDay.count == 1 && due.document == monthly && due.dueDate == dueDate && due.daysOverdue == -daysAhead && due.revision == "A")
            #expect(dayBefore.isEmpty)
            #expect(try s.gemba("review", "overdue").succeeded)
        }
    }
}
