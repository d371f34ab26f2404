import Foundation
import GembaKit

/// Text views shared by several commands.
enum Printers {
    static func documentHeader(_ detail: DocumentDetail, _ revision: RevisionView) {
        let d = detail.summary
        print("\(d.id) rev \(revision.revision): \(revision.title)")
        print("Type: \(d.type)   Owner: \(d.ownerName) (\(d.owner))   Revision status: \(revision.status)   Document status: \(d.status)")
        if let date = revision.effectiveDate { print("Effective: \(date)") } else if let planned = revision.plannedEffective { print("Planned effective date: \(planned)") }
        if !d.areas.isEmpty { print("Areas: \(d.areas.joined(separator: ", "))") }
        if let due = d.nextReviewDue { print("Next periodic review: \(due) (every \(detail.reviewIntervalMonths) months)") }
        print("Change: \(revision.changeClass) - \(revision.changeReason)\(revision.eco.map { " (ECO \($0))" } ?? "")")
        if d.latestRevision != d.effectiveRevision, d.effectiveRevision != nil, d.latestStatus != "withdrawn" {
            print("Pending: rev \(d.latestRevision) is \(d.latestStatus)")
        }
        if revision.signatures.isEmpty {
            print("Signatures: none yet")
        } else {
            print("Signatures:")
            for signature in revision.signatures { print("  \(signature.manifestation)\(mark(signature))") }
        }
    }

    /// Flags a signature whose signed content is no longer what content.git holds (21 CFR 11.70).
    static func mark(_ signature: SignatureView) -> String {
        signature.contentVerified ? "" : "  [SIGNED CONTENT DOES NOT MATCH: run gemba verify]"
    }

    static func content(_ content: DocumentContent) {
        let lower = content.mainFile.lowercased()
        if lower.hasSuffix(".md"), let text = String(data: content.main, encoding: .utf8) {
            print(MarkdownText.render(text))
        } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".csv") || lower.hasSuffix(".txt"), let text = String(data: content.main, encoding: .utf8) {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        } else {
            print("[\(content.mainFile): \(content.main.count) bytes; write it out with `gemba doc export \(content.document) --revision \(content.revision) --output DIR`]")
        }
        if !content.attachments.isEmpty {
            print("")
            print("Attachments: " + content.attachments.map { "\($0.name) (\($0.data.count) bytes)" }.joined(separator: ", "))
        }
    }

    static func history(_ detail: DocumentDetail) {
        print("\(detail.summary.id): \(detail.summary.title)")
        for revision in detail.revisions.reversed() {
            print("")
            print("rev \(revision.revision)  \(revision.status)\(revision.effectiveDate.map { ", effective \($0)" } ?? "")\(revision.tag.map { ", tag \($0)" } ?? "")")
            print("  by \(revision.authorName) (\(revision.author)), drafted \(revision.createdAt), last changed \(revision.updatedAt)")
            print("  why: \(revision.changeReason) [\(revision.changeClass)\(revision.eco.map { ", ECO \($0)" } ?? "")]")
            for signature in revision.signatures { print("  \(signature.manifestation)\(mark(signature))") }
            if let legacy = revision.legacyApproval {
                print("  Approved on paper by \(legacy.approvedBy) on \(legacy.approvedOn) (legacy copy: \(legacy.sourceFile), import \(legacy.importId) of \(legacy.source))")
                print("  \(legacy.migration.manifestation)\(legacy.migration.contentVerified ? "" : "  [SIGNED CONTENT NO LONGER MATCHES]")")
            }
            for cycle in detail.reviewCycles where cycle.kind == "revision" && cycle.revision == revision.revision && cycle.status != "approved" {
                print("  review started \(cycle.startedAt): \(cycle.status)\(cycle.step.map { " at step '\($0)'" } ?? "")\(cycle.comment.map { " - \($0)" } ?? "")")
                for signature in cycle.signatures where signature.meaning == "rejected" { print("    \(signature.manifestation): \(signature.comment ?? "")") }
            }
        }
        let periodic = detail.reviewCycles.filter { $0.kind != "revision" }
        if !periodic.isEmpty {
            print("")
            print("Periodic reviews and retirement:")
            for cycle in periodic {
                print("  \(cycle.startedAt) \(cycle.kind) of rev \(cycle.revision): \(cycle.status)\(cycle.outcome.map { " (\($0))" } ?? "")")
                for signature in cycle.signatures { print("    \(signature.manifestation)") }
            }
        }
    }

    static func due(_ due: [PeriodicReviewDue], empty: String) {
        if due.isEmpty { return print(empty) }
        Output.table(["DOCUMENT", "REV", "DUE", "DAYS OVERDUE", "OWNER", "TITLE"], due.map { item in
            [item.document, item.revision ?? "-", item.dueDate, item.daysOverdue > 0 ? String(item.daysOverdue) : "due in \(-item.daysOverdue) d",
             item.ownerName, Output.clip(item.title, 55) + (item.reviewInProgress ? " [review open]" : "")]
        })
    }

    /// The first periodic reviews of a list, and how many more there are.
    static func due(_ list: PeriodicReviewList, what: String, empty: String) {
        due(list.items, empty: empty)
        if !list.isComplete { print(Output.more(list.total - list.items.count, of: list.total, what: what)) }
    }

    static func cycles(_ cycles: [ReviewCycleView]) {
        if cycles.isEmpty { return print("No review cycle is open.") }
        Output.table(["DOCUMENT", "REV", "KIND", "STEP", "ROLE", "SIGNED", "STEP DUE", "STARTED BY", "TITLE"], cycles.map { c in
            [c.document, c.revision, c.kind, c.step ?? "-", c.stepRole ?? "-", "\(c.stepSignaturesGiven ?? 0)/\(c.stepSignaturesNeeded ?? 0)",
             c.stepDue ?? "-", c.startedBy, Output.clip(c.title, 45)]
        })
    }

    static func verification(_ report: VerificationReport) {
        let counts = report.checked.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        if report.isClean {
            print("verify: OK (\(counts))")
        } else {
            for problem in report.problems { print("problem: \(problem)") }
            print("verify: \(report.problems.count) problem(s) (checked \(counts))")
        }
    }
}
