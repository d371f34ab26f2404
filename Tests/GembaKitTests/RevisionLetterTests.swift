import Testing
@testable import GembaKit

@Suite("Revision letters")
struct RevisionLetterTests {
    @Test func firstTwentyLettersSkipConfusableOnes() {
        // Given the first twenty revisions, when they are lettered, then I O Q S X Z never appear.
        let letters = (1...20).map(RevisionLetters.letter(forSequence:))
        #expect(letters.joined() == "ABCDEFGHJKLMNPRTUVWY")
    }

    @Test(arguments: [(1, "A"), (8, "H"), (9, "J"), (20, "Y"), (21, "AA"), (22, "AB"), (40, "AY"), (41, "BA"), (420, "YY"), (421, "AAA")])
    func letterForSequence(seq: Int, letter: String) {
        #expect(RevisionLetters.letter(forSequence: seq) == letter)
    }

    @Test func lettersAreUniqueAndClean() {
        // Given the first thousand revisions
        let letters = (1...1000).map(RevisionLetters.letter(forSequence:))
        // then every letter is different and none holds a letter that reads like a digit.
        #expect(Set(letters).count == 1000)
        #expect(!letters.contains { $0.contains(where: "IOQSXZ".contains) })
    }
}
