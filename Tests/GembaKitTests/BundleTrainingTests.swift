import Foundation
import Testing
@testable import GembaKit

/// Training completion in a bundle: each assignment on the bundled revision as it stood at the
/// end of the as-of day.
@Suite struct BundleTrainingTests {
    @Test func trainingCompletionIsAsOfTheDayAndLinkedFromTheDocumentPage() throws {
        try withTrainingRegister { r in
            // Given an effective SOP that olga and otto must read; olga signs two days later
            let id = try r.releasedDocument()
            let released = r.today
            r.advance(days: 2)
            try r.read(id, by: "olga")
            let signedDay = r.today
            r.advance(days: 1)

            // When bundles are built as of the release day and as of the day olga signed
            let before = try buildBundle(r, asOf: released, name: "before.zip")
            let after = try buildBundle(r, asOf: signedDay, name: "after.zip")

            // Then the first shows both assignments open, the second olga's signature and otto still open
            let pageBefore = try bundleText(before.url, "documents/\(id)/training-rev-A.html")
            #expect(!pageBefore.contains("Read and understood by"))
            #expect(pageBefore.contains("<td>Olga Operator (olga)</td>") && pageBefore.contains("<td>Otto Operator (otto)</td>"))
            let pageAfter = try bundleText(after.url, "documents/\(id)/training-rev-A.html")
            #expect(pageAfter.contains("<span class=\"signature\">Read and understood by Olga Operator (olga) on "), "\(pageAfter)")
            #expect(pageAfter.components(separatedBy: "<td>open").count == 2, "otto has not signed")
            // And the document page links to it, the index lists it, the manifest counts it
            let document = try bundleText(after.url, "documents/\(id)/\(id)-rev-A.html")
            #expect(document.contains("<a href=\"../../documents/\(id)/training-rev-A.html\">Training completion (1 of 2 signed)</a>"))
            #expect(try bundleText(after.url, "index.html").contains("<h2>Training completion</h2>"))
            let training = try #require((try bundleManifest(after.url)["sections"] as? [String: Any])?["training"] as? [String: Any])
            #expect(training["assignments"] as? Int == 2 && training["signed"] as? Int == 1)
            // And the trail extract has the signature, and only in the later bundle
            #expect(try bundleText(after.url, "audit-trail.csv").contains(",training.sign,training_assignment,\(id)/A/olga,"))
            #expect(!(try bundleText(before.url, "audit-trail.csv")).contains(",training.sign,"))
            #expect(try EvidenceBundle.verify(at: after.url).problems == [])
        }
    }
}
