import Testing
@testable import GembaKit

@Suite("Markdown as terminal text")
struct MarkdownTextTests {
    @Test func headingsAreUnderlined() {
        #expect(MarkdownText.render("# Wheel nuts\n## Tools\n### Notes") == "WHEEL NUTS\n==========\nTools\n-----\nNotes")
    }

    @Test func emphasisCodeAndLinks() {
        // Given inline marks, when rendered, then the marks go and link addresses are shown.
        let text = "Use **120 Nm**, __not more__, an *even* pattern, `torque-wrench` and [the manual](https://example.com/m.pdf)."
        #expect(MarkdownText.render(text) == "Use 120 Nm, not more, an even pattern, torque-wrench and the manual <https://example.com/m.pdf>.")
        #expect(MarkdownText.render("![wheel](wheel.png)") == "[image: wheel]")
    }

    @Test func listsQuotesAndRules() {
        let text = "- first\n* second\n  + nested\n1. Numbered stays\n> Caution\n---"
        let expected = "  • first\n  • second\n    • nested\n1. Numbered stays\n  | Caution\n" + String(repeating: "-", count: 60)
        #expect(MarkdownText.render(text) == expected)
    }

    @Test func codeFencesAreIndentedVerbatim() {
        // Given a fenced block with marks inside, then it is indented and its marks are kept.
        #expect(MarkdownText.render("```\n**raw** *x*\n```\nafter") == "    **raw** *x*\nafter")
    }

    @Test func tablesDropTheSeparatorRow() {
        let text = "| Step | Torque |\n|------|:------:|\n| 1 | **120 Nm** |"
        #expect(MarkdownText.render(text) == "Step  |  Torque\n1  |  120 Nm")
    }

    @Test func carriageReturnsAreRemoved() {
        #expect(MarkdownText.render("line one\r\nline two\r\n") == "line one\nline two\n")
    }
}
