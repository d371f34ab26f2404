// In-process figures for scripts/bench (docs/benchmarks.md), timed inside one process so that
// process start, argument parsing and printing do not count:
//
//   gemba-bench release REGISTER COUNT AUTHOR APPROVER PASSWORD
//       prepares COUNT approved FORM revisions whose effective date is tomorrow (not timed), then
//       moves the clock a day and times the release of all of them (commit, tag, records, durable)
//   gemba-bench queries REGISTER RUNS
//       the median of RUNS calls of what `review overdue` and `status` do by default (the 100 most
//       urgent rows and the counts of all), and of the same with `--all` (every row)
import Foundation
import GembaKit

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("gemba-bench: \(message)\n".utf8))
    exit(2)
}

func elapsed(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

func release(register path: String, count: Int, author: String, approver: String, password: String) throws {
    let clock = ManualClock(Date())
    let register = try Register.open(at: URL(fileURLWithPath: path), clock: clock)
    let tomorrow = register.today().addingDays(1)
    let setup = try elapsed {
        for number in 1...count {
            let file = try ContentFile(name: "form.md", data: Data("# Form \(number)\n\nCheck \(number) items.\n".utf8))
            let id = try register.createDocument(NewDocument(type: "FORM", title: "Bench form \(number)", file: file), by: author)
            _ = try register.startRevisionReview(id, effectiveOn: tomorrow, signer: SignerCredentials(username: author, password: password))
            _ = try register.sign(id, meaning: .approved, signer: SignerCredentials(username: approver, password: password))
        }
    }
    clock.advance(seconds: 86_400)
    var released: [String] = []
    let seconds = try elapsed { released = try register.releaseDue() }
    guard released.count == count else { fail("released \(released.count) revisions, expected \(count)") }
    print(String(format: "release_seconds=%.3f setup_seconds=%.1f released=%d", seconds, setup, released.count))
}

func queries(register path: String, runs: Int) throws {
    let register = try Register.open(at: URL(fileURLWithPath: path))
    var overdue: [Double] = [], status: [Double] = [], overdueAll: [Double] = [], statusAll: [Double] = []
    var overdueCount = 0, lateCount = 0, listed = 0
    for _ in 0..<max(1, runs) {
        overdue.append(try elapsed { overdueCount = try register.reviewsOverdue(limit: 100).total })
        status.append(try elapsed {
            let result = try register.status(withinDays: 30, limit: 100)
            lateCount = result.overdueCount
            listed = result.items.count
        })
        overdueAll.append(try elapsed { _ = try register.reviewsOverdue(limit: nil) })
        statusAll.append(try elapsed { _ = try register.status(withinDays: 30, limit: nil) })
    }
    print(String(format: "overdue_ms=%.2f status_ms=%.2f overdue_all_ms=%.2f status_all_ms=%.2f overdue=%d status_overdue=%d status_listed=%d runs=%d",
                 median(overdue) * 1000, median(status) * 1000, median(overdueAll) * 1000, median(statusAll) * 1000,
                 overdueCount, lateCount, listed, overdue.count))
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "release" where arguments.count == 6:
        guard let count = Int(arguments[2]), count > 0 else { fail("COUNT must be a positive number") }
        try release(register: arguments[1], count: count, author: arguments[3], approver: arguments[4], password: arguments[5])
    case "queries" where arguments.count == 3:
        guard let runs = Int(arguments[2]), runs > 0 else { fail("RUNS must be a positive number") }
        try queries(register: arguments[1], runs: runs)
    default:
        fail("usage: gemba-bench release REGISTER COUNT AUTHOR APPROVER PASSWORD | gemba-bench queries REGISTER RUNS")
    }
} catch {
    fail("\(error)")
}
