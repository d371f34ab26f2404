/// Revision letters in the ASME Y14.35 sequence: A, B, C ... Y without I, O, Q, S, X and Z (easily
/// mistaken for digits), then AA, AB ... (**choice**, documented in docs/user-guide.md).
enum RevisionLetters {
    static let alphabet: [Character] = Array("ABCDEFGHJKLMNPRTUVWY")

    static func letter(forSequence seq: Int) -> String {
        precondition(seq >= 1)
        var n = seq
        var result = ""
        while n > 0 {
            n -= 1
            result = String(alphabet[n % alphabet.count]) + result
            n /= alphabet.count
        }
        return result
    }
}
