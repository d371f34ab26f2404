import Foundation
import GembaGit
import Testing
@testable import GembaKit

/// Periodic review dates and the three outcomes: no change, revise, retire (ISO 9001 7.5.2).
@Suite("Periodic review")
struct PeriodicReviewTests {
    @Test func nextDueIsTheEffectiveDatePlusTheTypesInterval() throws {
        try withRegister { r in
            // Given an SOP (24 months) released on 2026-03-02
            let id = try r.releasedDocument()
            // then its next review is due 24 calendar months later.
            let detail = try r.register.document(id)
            #expect(detail.reviewIntervalMonths == 24)
            #expect(detail.summary.nextReviewDue == "2028-03-02")
        }
    }

    @Test func aDocumentCanOverrideTheInterval() throws {
        try withRegister { r in
            // Given an SOP created with a 6-month interval and released on 2026-08-31
            r.move(to: try Day.on("2026-08-31"))
            let id = try r.releasedDocument(interval: 6)
            // then its review is due on the last day of February.
            let detail = try r.register.document(id)
            #expect(detail.reviewIntervalMonths == 6)
            #expect(detail.summary.nextReviewDue == "2027-02-28")
        }
    }

    @Test func aLaterEffectiveDateCounts() throws {
        try withRegister { r in
            // Given a revision approved now but effective on 2026-03-20
            let id = try r.createDocument(interval: 3)
            try r.startReview(id, effectiveOn: try Day.on("2026-03-20"))
            try r.signStandardRoute(id)
            #expect(try r.register.document(id).summary.nextReviewDue == nil)
            // when it is released, then the review date counts from the effective date.
            r.move(to: try Day.on("2026-03-20"))
            try r.register.releaseDue()
            #expect(try r.register.document(id).summary.nextReviewDue == "2026-06-20")
        }
    }

    @Test func overdueListsMostOverdueFirstWithDayCounts() throws {
        try withRegister { r in
            // Given three documents released on 2026-03-02, due 2026-04-02, 2026-05-02 and 2026-09-02, and a draft
            var ids: [String] = []
            for months in [6, 1, 2] { ids.append(try r.releasedDocument(interval: months)) }
            #expect(ids == ["SOP-0001", "SOP-0002", "SOP-0003"])
            try r.createDocument("WI")

            // when it is 2026-05-12
            r.move(to: try Day.on("2026-05-12"))

            // then two are overdue, most overdue first, with their days;
            let overdue = try r.register.reviewsOverdue()
            #expect(overdue.map(\.document) == ["SOP-0002", "SOP-0003"])
            #expect(overdue.map(\.dueDate) == ["2026-04-02", "2026-05-02"])
            #expect(overdue.map(\.daysOverdue) == [40, 10])
            #expect(overdue.allSatisfy { $0.revision == "A" && $0.ownerName == "Alice Author" && !$0.reviewInProgress })

            // within 30 days nothing more is due; within 120 days the third is, 113 days ahead.
            #expect(try r.register.reviewsDue(withinDays: 30).map(\.document) == ["SOP-0002", "SOP-0003"])
            let ahead = try r.register.reviewsDue(withinDays: 120)
            #expect(ahead.map(\.document) == ["SOP-0002", "SOP-0003", "SOP-0001"])
            #expect(ahead.map(\.daysOverdue) == [40, 10, -113])
        }
    }

    @Test func dueTodayIsDueButNotOverdue() throws {
        try withRegister { r in
            // Given a document due on 2026-04-02, when it is that day
            let id = try r.releasedDocument(interval: 1)
            r.move(to: try Day.on("2026-04-02"))
            // then it is due with 0 days, and not yet overdue; the next day it is 1 day overdue.
            #expect(try r.register.reviewsOverdue().isEmpty)
            #expect(try r.register.reviewsDue(withinDays: 0).map(\.daysOverdue) == [0])
            r.advance(days: 1)
            #expect(try r.register.reviewsOverdue().map(\.document) == [id])
            #expect(try r.register.reviewsOverdue().map(\.daysOverdue) == [1])
        }
    }

    @Test func noChangeNeedsTheSignaturesAndRestartsTheDueDate() throws {
        try withRegister { r in
            // Given an overdue document
            let id = try r.releasedDocument(interval: 6)
            let main = try r.ref("refs/heads/main")
            r.move(to: try Day.on("2026-09-20"))

            // when the coordinator starts its periodic review, it is shown in progress on the effective content;
            let cycle = try r.register.startPeriodicReview(id, by: "carl")
            #expect(cycle.kind == "periodic")
            #expect(cycle.revision == "A")
            #expect(cycle.pinnedCommit == main?.hex)
            #expect(try r.register.reviewsOverdue().first?.reviewInProgress == true)

            // one signature is not enough;
            try r.sign(id, "rita", .reviewed)
            #expect(try r.register.reviewsOverdue().map(\.document) == [id])

            // when the route is signed to the end
            r.advance(days: 1)
            let result = try r.sign(id, "pete", .approved)

            // then the review concludes "no change", and the due date restarts from that day.
            #expect(result.cycleStatus == "concluded")
            #expect(try r.register.reviewCycle(cycle.id).outcome == "no change")
            let detail = try r.register.document(id)
            #expect(detail.lastReviewedOn == "2026-09-21")
            #expect(detail.summary.nextReviewDue == "2027-03-21")
            #expect(detail.summary.effectiveRevision == "A")
            #expect(try r.register.reviewsOverdue().isEmpty)
            // Content does not change: main and the tags stay.
            #expect(try r.ref("refs/heads/main") == main)
            #expect(try r.repository().references(glob: "refs/tags/*").map(\.name) == ["refs/tags/SOP-0001/A"])
        }
    }

    @Test func concludingReviseOpensADraft() throws {
        try withRegister { r in
            // Given a periodic review in progress
            let id = try r.releasedDocument(interval: 3)
            r.move(to: try Day.on("2026-06-05"))
            let cycle = try r.register.startPeriodicReview(id, by: "carl")

            // when the coordinator concludes it with "revise"
            let concluded = try r.register.concludePeriodicReview(id, outcome: .revise, reason: "Torque spec changed", by: "carl")

            // then the cycle is concluded and revision B is open as a draft with that reason;
            #expect(concluded.id == cycle.id)
            #expect(concluded.status == "concluded")
            #expect(concluded.outcome == "revise")
            let detail = try r.register.document(id)
            #expect(detail.summary.effectiveRevision == "A")
            #expect(detail.revisions.last?.revision == "B")
            #expect(detail.revisions.last?.status == "draft")
            #expect(detail.revisions.last?.changeReason == "Torque spec changed")
            #expect(try r.ref("refs/heads/drafts/\(id)") != nil)

            // when B is released, the due date counts from B.
            try r.startReview(id, by: "carl")
            try r.signStandardRoute(id)
            #expect(try r.register.document(id).summary.nextReviewDue == "2026-09-05")
        }
    }

    @Test func aRefusedConclusionChangesNothing() throws {
        try withRegister { r in
            // Given a periodic review started by quality (who may conclude reviews but not revise documents)
            let id = try r.releasedDocument()
            let cycle = try r.register.startPeriodicReview(id, by: "quinn")

            // when quality concludes it with "revise", then it is refused for want of document.revise
            let error = try #require(throws: GembaError.self) {
                _ = try r.register.concludePeriodicReview(id, outcome: .revise, reason: "Needs an update", by: "quinn")
            }
            #expect(error.kind == .permission)
            // and the refused request leaves the review open, as it was.
            let status = try r.register.reviewCycle(cycle.id).status
            let open = try r.register.openReviewCycles().map(\.id)
            #expect(status == "open")
            #expect(open == [cycle.id])
            #expect(try r.register.document(id).revisions.count == 1)
        }
    }

    @Test func retireRunsAnObsoleteCycleThatRemovesTheDocumentFromMain() throws {
        try withRegister { r in
            // Given a periodic review concluded with "retire"
            let id = try r.releasedDocument(interval: 1)
            let tag = try r.ref("refs/tags/SOP-0001/A")
            r.move(to: try Day.on("2026-04-10"))
            try r.register.startPeriodicReview(id, by: "carl")
            _ = try r.register.concludePeriodicReview(id, outcome: .retire, reason: "Line 2 was dismantled", by: "carl")

            // then an obsolete cycle is open and the document is still effective on main;
            let obsolete = try #require(try r.register.openReviewCycles().first)
            #expect(obsolete.kind == "obsolete")
            #expect(try r.register.document(id).summary.status == "effective")
            #expect(try r.folderTree(id, in: try #require(try r.ref("refs/heads/main"))) != nil)

            // when its route is signed
            let result = try r.signStandardRoute(id)

            // then the folder leaves main, the tag stays, and the document is obsolete and no longer due.
            #expect(result.cycleStatus == "approved")
            let main = try #require(try r.ref("refs/heads/main"))
            #expect(try r.folderTree(id, in: main) == nil)
            #expect(try r.repository().commit(main).message.hasPrefix("\(id) made obsolete"))
            #expect(try r.ref("refs/tags/SOP-0001/A") == tag)
            let detail = try r.register.document(id)
            #expect(detail.summary.status == "obsolete")
            #expect(detail.summary.nextReviewDue == nil)
            #expect(detail.revisions.map(\.status) == ["obsolete"])
            #expect(try r.register.content(id, revision: "A").main == Data("# Steps\n\n1. Torque to 120 Nm.\n".utf8))
            r.advance(days: 300)
            #expect(try r.register.reviewsOverdue().isEmpty)
            #expect(try r.register.reviewsDue(withinDays: 3650).isEmpty)
            #expect(throws: GembaError.self) { try r.register.startPeriodicReview(id, by: "carl") }
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func obsolescenceWithdrawsAnOpenDraft() throws {
        try withRegister { r in
            // Given an effective document with revision B being drafted
            let id = try r.releasedDocument()
            try r.register.reviseDocument(id, RevisionRequest(changeReason: "Clarify", changeClass: .minor), by: "alice")

            // when quality makes it obsolete through its route
            try r.register.requestObsolete(id, reason: "Replaced by WI-0001", by: "quinn")
            try r.signStandardRoute(id)

            // then A is obsolete, the draft B withdrawn and its branch deleted.
            #expect(try r.register.document(id).revisions.map(\.status) == ["obsolete", "withdrawn"])
            #expect(try r.ref("refs/heads/drafts/\(id)") == nil)
            #expect(try r.register.verify().problems == [])
        }
    }
}
