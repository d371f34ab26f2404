import Foundation

/// What `gemba synth` builds: sizes, the seed, and the synthetic "now" the history ends at.
public struct SynthParameters: Sendable, Equatable {
    public var documents: Int
    /// Revisions per document on average (each document gets 1 to 2R-1).
    public var revisions: Int
    public var people: Int
    public var years: Int
    public var seed: UInt64
    /// Production lines (areas L01...); nil chooses one per 2,000 documents, 3 to 50.
    public var lines: Int?
    /// Every person's password at the end.
    public var password: String
    /// The last day of the history: the register's clock stops on it (never the wall clock).
    public var end: Day

    public static let defaultEnd = Day(year: 2026, month: 11, day: 20)
    public static let defaultPassword = "synthetic-register-1"

    public init(documents: Int, revisions: Int, people: Int, years: Int, seed: UInt64 = 1, lines: Int? = nil,
                password: String = SynthParameters.defaultPassword, end: Day = SynthParameters.defaultEnd) {
        self.documents = documents
        self.revisions = revisions
        self.people = people
        self.years = years
        self.seed = seed
        self.lines = lines
        self.password = password
        self.end = end
    }

    var lineCount: Int { lines ?? min(50, max(3, documents / 2_000)) }

    /// The plant's lines: L01, L02...
    var lineNames: [String] {
        let width = max(2, String(lineCount).count)
        return (1...lineCount).map { "L" + String(repeating: "0", count: width - String($0).count) + String($0) }
    }

    /// The command that builds this register, as recorded in the register itself.
    public var commandLine: String {
        var text = "gemba synth --documents \(documents) --revisions \(revisions) --people \(people) --years \(years) --seed \(seed)"
        if let lines { text += " --lines \(lines)" }
        if end != SynthParameters.defaultEnd { text += " --end \(end)" }
        return text
    }

    /// Refuses sizes the generator cannot make a sensible register from; one line each.
    public func validate() throws {
        guard (1...1_000_000).contains(documents) else { throw GembaError.invalid("--documents must be 1 to 1000000") }
        guard (1...20).contains(revisions) else { throw GembaError.invalid("--revisions must be 1 to 20 (the average per document)") }
        guard (15...100_000).contains(people) else { throw GembaError.invalid("--people must be 15 to 100000 (every role of the approval routes needs several people)") }
        guard (1...30).contains(years) else { throw GembaError.invalid("--years must be 1 to 30") }
        if let lines, !(1...99).contains(lines) { throw GembaError.invalid("--lines must be 1 to 99") }
        guard password.count >= 10 else { throw GembaError.invalid("--password must have at least 10 characters") }
    }
}
