import Foundation

/// What the kill runs did and met, for the checks and the printed summary.
struct KillBook {
    struct Signature: Hashable {
        let id: String
        let meaning: String
    }

    /// Signatures a command reported (exit 0, "Signed ...") or the API answered with 2xx.
    var acknowledged: Set<Signature> = []
    var operations = 0
    var killedCLI = 0
    var killedServer = 0
    var killedBeforeCommit = 0
    var killedAfterCommit = 0
    var refusedAfterKill = 0
    var repairsNeeded = 0
    /// The killed signing of the current run, settled by the checks after it.
    var pendingVictim: (String, String)?
    /// Each kind of problem `verify` reported before a repair, and each kind of repair action, counted.
    var problems: [String: Int] = [:]
    var actions: [String: Int] = [:]
    /// Running mean durations of whole signings, by path and step, to aim the kills.
    private var durations: [String: (Double, Int)] = [:]

    mutating func acknowledge(_ id: String, _ meaning: String) {
        acknowledged.insert(Signature(id: id, meaning: meaning))
    }

    mutating func timed(server: Bool, step: Int, _ seconds: Double) {
        let key = "\(server)-\(step)"
        let (mean, count) = durations[key] ?? (0, 0)
        durations[key] = ((mean * Double(count) + seconds) / Double(count + 1), count + 1)
    }

    /// The time a whole signing of this kind takes here (a first guess until one was timed).
    func whole(server: Bool, step: Int) -> Double {
        durations["\(server)-\(step)"]?.0 ?? (server ? 0.15 : 0.4)
    }

    mutating func noteRepairNeeded(_ verify: Outcome) {
        repairsNeeded += 1
        for line in verify.stdoutLines where line.hasPrefix("problem: ") {
            problems[Self.kind(of: String(line.dropFirst("problem: ".count))), default: 0] += 1
        }
        if !verify.stderr.isEmpty { problems["stderr: " + Self.kind(of: verify.stderr), default: 0] += 1 }
    }

    mutating func noteRepaired(_ repair: Outcome) {
        for line in repair.stdoutLines where line.hasPrefix("repaired: ") {
            actions[Self.kind(of: String(line.dropFirst("repaired: ".count))), default: 0] += 1
        }
    }

    /// A message with its object IDs and document IDs blanked, so that kinds can be counted.
    static func kind(of line: String) -> String {
        line.replacingOccurrences(of: "[0-9a-f]{7,40}", with: "<id>", options: .regularExpression)
            .replacingOccurrences(of: "SOP-[0-9]+", with: "<SOP>", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
    }

    func summary(seed: UInt64, runs: Int) -> String {
        func counted(_ table: [String: Int]) -> String {
            table.isEmpty ? "    none\n" : table.sorted { $0.value > $1.value }.map { "    \($0.value) x \($0.key)\n" }.joined()
        }
        return """
            reliability-kill: seed \(seed), \(runs) runs, \(operations) signings started, \(acknowledged.count) acknowledged, 0 lost
              killed: \(killedCLI) CLI signings, \(killedServer) servers (during or just after their request); signings cut \(killedBeforeCommit) before the commit, \(killedAfterCommit) after it
              refused after a kill (one line, pointing at repair): \(refusedAfterKill)
              runs whose register needed `gemba repair` before verify passed: \(repairsNeeded)
              verify found (before repair):
            \(counted(problems))  repair did:
            \(counted(actions))
            """
    }
}

extension Sandbox {
    /// The number of commits on main's first-parent line.
    func firstParentCount() throws -> Int {
        let counted = try git("rev-list", "--first-parent", "--count", "refs/heads/main")
        guard counted.succeeded, let count = Int(counted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ReliabilityFailure("git rev-list failed: \(counted)")
        }
        return count
    }
}
