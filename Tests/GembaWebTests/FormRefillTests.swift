import Foundation
import GembaKit
import Testing
@testable import GembaWeb

/// A refused form comes back with what was typed (issue 6): the reason on top and the fields
/// filled again, never a password or the CSRF token.
@Suite("Refused forms keep what was typed")
struct FormRefillTests {
    private func form(_ fields: [(String, String)]) -> FormInput {
        var input = FormInput()
        input.parseURLEncoded(fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&"))
        return input
    }

    @Test("text, text areas, lists, check boxes and radio buttons of the posted form are filled; other forms, hidden fields and passwords are not")
    func fillsOnlyThePostedForm() throws {
        let page = """
            <form method="post" action="/other"><input type="text" name="reason"></form>
            <form method="post" action="/documents/SOP-0001/revise"><input type="hidden" name="csrf" value="T0KEN"><input type="hidden" name="return" value="/x">
            <input type="text" id="reason" name="reason" required>
            <input type="password" name="password" autocomplete="current-password">
            <textarea name="comment" rows="3">old</textarea>
            <select id="class" name="class"><option value="minor" selected>minor</option><option value="major">major</option></select>
            <input type="checkbox" name="areas" value="L1"><input type="checkbox" name="areas" value="L2" checked>
            <input type="radio" name="meaning" value="approved"><input type="radio" name="meaning" value="rejected">
            <input type="date" name="effective" value="2026-01-01"></form><p>after</p>
            """
        let refill = try #require(FormRefill(action: "/documents/SOP-0001/revise", form: form([
            ("csrf", "T0KEN"), ("return", "/x"), ("reason", "Torque \"5 Nm\" <new> & checked"), ("password", "secret-1"),
            ("comment", "Line 1\nLine <2>"), ("class", "major"), ("areas", "L1"), ("meaning", "rejected"), ("effective", "2026-13-45"),
        ])))
        #expect(refill.fields["password"] == nil && refill.fields["csrf"] == nil && refill.fields["return"] == nil)

        let html = refill.apply(to: page)
        #expect(html.contains(#"<form method="post" action="/other"><input type="text" name="reason"></form>"#))
        #expect(html.contains(#"<input type="text" id="reason" name="reason" required value="Torque &quot;5 Nm&quot; &lt;new&gt; &amp; checked">"#))
        #expect(html.contains(#"<input type="password" name="password" autocomplete="current-password">"#) && !html.contains("secret-1"))
        #expect(html.contains(#"<input type="hidden" name="csrf" value="T0KEN">"#))
        #expect(html.contains("<textarea name=\"comment\" rows=\"3\">Line 1\nLine &lt;2&gt;</textarea>"))
        #expect(html.contains(#"<option value="minor">minor</option><option value="major" selected>major</option>"#))
        #expect(html.contains(#"<input type="checkbox" name="areas" value="L1" checked><input type="checkbox" name="areas" value="L2">"#))
        #expect(html.contains(#"<input type="radio" name="meaning" value="approved"><input type="radio" name="meaning" value="rejected" checked>"#))
        #expect(html.contains(#"<input type="date" name="effective" value="2026-13-45"></form><p>after</p>"#))
    }

    @Test("of several forms to one path only the one sent is filled (its hidden fields match); GET forms, the attestation box and broken HTML are left alone")
    func onlyTheSentForm() throws {
        let page = """
            <form method="get" action="/capa"><input type="text" name="owner"></form>
            <form method="post" action="/capa/C-1/effectiveness"><input type="hidden" name="csrf" value="T"><input type="hidden" name="result" value="effective">
            <input type="checkbox" name="confirm" value="yes" required><textarea name="comment"></textarea></form>
            <form method="post" action="/capa/C-1/effectiveness"><input type="hidden" name="csrf" value="T"><input type="hidden" name="result" value="not-effective">
            <input type="checkbox" name="confirm" value="yes" required><textarea name="comment"></textarea></form>
            """
        let refill = try #require(FormRefill(action: "/capa/C-1/effectiveness", form: form([
            ("csrf", "T"), ("result", "not-effective"), ("confirm", "yes"), ("comment", "Defect recurred on L2"), ("owner", "olga"),
        ])))
        let html = refill.apply(to: page)
        #expect(html.components(separatedBy: "Defect recurred on L2").count == 2, "only one form is filled: \(html)")
        #expect(html.contains(#"<input type="hidden" name="result" value="not-effective">"# + "\n" + #"<input type="checkbox" name="confirm" value="yes" required><textarea name="comment">Defect recurred on L2</textarea>"#))
        #expect(!html.contains("checked") && !html.contains("olga"))

        // And HTML without the end of a form comes back as it was
        let broken = #"<p>a</p><form method="post" action="/capa/C-1/effectiveness"><textarea name="comment">"#
        #expect(refill.apply(to: broken) == broken)
    }

    @Test("a form with nothing but secrets and the token keeps nothing")
    func nothingWorthKeeping() {
        #expect(FormRefill(action: "/account/password", form: form([("csrf", "T"), ("password", "a"), ("new_password", "b")])) == nil)
    }

    @Test("after a refused form the page shows the reason and what was typed, once")
    func refusedFormComesBackFilled() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("alice")
            // Given an author who starts the review of a draft with a wrong password
            let wrong = try await browser.post("/documents/\(fixture.draft)/review", [
                "effective": "2031-07-15", "password": "not it", "return": "/documents/\(fixture.draft)",
            ])
            #expect(wrong.location == "/documents/\(fixture.draft)")

            // Then the page names the reason and shows the date typed, not the password
            let page = try await browser.get("/documents/\(fixture.draft)")
            #expect(page.body.contains("wrong password"))
            #expect(page.body.contains(#"name="effective" value="2031-07-15""#))
            #expect(!page.body.contains("not it"))

            // And the next view is the plain page again
            #expect(!(try await browser.get("/documents/\(fixture.draft)").body.contains("2031-07-15")))
        }
    }
}
