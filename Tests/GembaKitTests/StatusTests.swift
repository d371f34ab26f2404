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

/// A company register has tens of thousands of late items: `status` and `review overdue` list
/// the most urgent first and count the rest, and the first rows must be exactly the first rows
/// of the full list.
@Suite("Register status, first rows")
struct StatusLimitTests {
    @Test func theFirstRowsAreTheFullListsFirstRowsAndTheCountsAreComplete() throws {
        try withSynthetic(smallSynth) { register, _ in
            // Given a synthetic register with one person who has open training made inactive
            let person = try register.store.read { db in
                try String.fetchOne(db, sql: "SELECT username FROM training_assignment WHERE status = 'open' ORDER BY due_on LIMIT 1")
            }
            let inactive = try #require(person)
            try register.store.write { db in try db.execute(sql: "UPDATE user SET active = 0 WHERE username = ?", arguments: [inactive]) }
            // and every overdue periodic review and training assignment due the same day, so that
            // a limit cuts inside a day's items of more than one document and kind
            let day = register.today().addingDays(-3).description, today = register.today().description
            try register.store.write { db in
                try db.execute(sql: "UPDATE training_assignment SET due_on = ? WHERE status = 'open' AND due_on < ?", arguments: [day, today])
                try db.execute(sql: "UPDATE document SET next_review_due = ? WHERE next_review_due < ? AND obsolete_at IS NULL", arguments: [day, today])
            }

            // When status is asked for in full
            let full = try register.status(withinDays: 30)
            #expect(full.isComplete && full.overdueCount == full.overdue.count && full.dueSoonCount == full.dueSoon.count)
            #expect(full.overdue.count > 10 && full.dueSoon.count >= 3, "the synthetic plant has late training and reviews: \(full.kinds)")
            #expect(!full.items.contains { $0.owner == inactive && $0.kind == "training" })
            for kind in full.kinds {
                #expect(kind.overdue == full.overdue.filter { $0.kind == kind.kind }.count, "\(kind)")
                #expect(kind.dueSoon == full.dueSoon.filter { $0.kind == kind.kind }.count, "\(kind)")
            }

            // Then every limit gives the full list's first rows, also a limit that cuts between
            // two items due the same day, and the same counts
            let sameDay = (1..<full.overdue.count).filter { full.overdue[$0 - 1].dueDate == full.overdue[$0].dueDate }
            #expect(sameDay.count > 10, "overdue items share a due date")
            for limit in Set([0, 1, 2, 3, 7, 25, full.overdue.count, full.overdue.count + 5] + sameDay) {
                let first = try register.status(withinDays: 30, limit: limit)
                #expect(first.overdue == Array(full.overdue.prefix(limit)), "limit \(limit)")
                #expect(first.dueSoon == Array(full.dueSoon.prefix(limit)), "limit \(limit)")
                #expect(first.kinds == full.kinds && first.overdueCount == full.overdueCount && first.dueSoonCount == full.dueSoonCount)
                #expect(first.isComplete == (limit >= max(full.overdue.count, full.dueSoon.count)))
            }

            // And review overdue lists its first rows in the same way, with the total
            let reviews = try register.reviewsOverdue(limit: nil)
            #expect(reviews.total == reviews.items.count && reviews.total == full.kinds.first { $0.kind == "periodic-review" }?.overdue)
            for limit in [1, 3, reviews.total, reviews.total + 1] {
                let list = try register.reviewsOverdue(limit: limit)
                #expect(list.items.map(\.document) == reviews.items.prefix(limit).map(\.document) && list.total == reviews.total)
            }
        }
    }

    @Test func openTrainingIsCountedPerDueDayAsItChangesAndRepairCountsItAgain() throws {
        try withSynthetic(smallSynth) { register, _ in
            // Given a synthetic register: training assigned, acknowledged, superseded and cancelled
            let kept = try register.store.read { db in try Int.fetchOne(db, sql: "SELECT sum(open) FROM training_open_due") ?? 0 }
            let open = try register.store.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM training_assignment WHERE status = 'open'") ?? 0
            }
            #expect(kept > 0 && kept == open)
            #expect(try register.store.read { db in try TrainingDueCounts.problems(db) } == [])

            // The counts follow every change to an assignment: a new due day, closing, deleting
            try register.store.write { db in
                try db.inSavepoint {
                    try db.execute(sql: """
                        UPDATE training_assignment SET due_on = '2099-01-01' WHERE rowid IN
                            (SELECT rowid FROM training_assignment WHERE status = 'open' ORDER BY due_on LIMIT 3)
                        """)
                    try db.execute(sql: """
                        UPDATE training_assignment SET status = 'cancelled', closed_at = '2020-01-01T00:00:00Z' WHERE rowid IN
                            (SELECT rowid FROM training_assignment WHERE status = 'open' ORDER BY due_on LIMIT 2)
                        """)
                    try db.execute(sql: "DELETE FROM training_assignment WHERE rowid = (SELECT max(rowid) FROM training_assignment WHERE status = 'open' AND due_on < '2099-01-01')")
                    #expect(try Int.fetchOne(db, sql: "SELECT open FROM training_open_due WHERE due_on = '2099-01-01'") == 3)
                    #expect(try TrainingDueCounts.problems(db) == [])
                    return .rollback
                }
            }

            // When the kept counts are edited by hand, and a trigger that keeps them is dropped
            try register.store.write { db in
                try db.execute(sql: "UPDATE training_open_due SET open = open + 2 WHERE due_on = (SELECT min(due_on) FROM training_open_due)")
                try db.execute(sql: "DROP TRIGGER training_open_due_update")
            }

            // Then verify names both, repair puts the trigger back and counts again, and status
            // counts what is open
            let problems = try register.verify().problems
            #expect(problems.count == 2 && problems.allSatisfy { $0.hasPrefix("training_open_due: ") }, "\(problems)")
            #expect(problems.first?.contains("the trigger training_open_due_update was removed") == true)
            let repaired = try register.repair()
            #expect(repaired.actions.contains("restored the triggers of training_open_due and counted the open training assignments per due day again"))
            #expect(repaired.after.problems == [])
            let triggers = try register.store.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'training_open_due_%'") ?? 0
            }
            #expect(triggers == 3)
            let full = try register.status(withinDays: 30)
            let training = full.kinds.first { $0.kind == "training" }
            #expect(training?.overdue == full.overdue.count { $0.kind == "training" })
        }
    }
}
