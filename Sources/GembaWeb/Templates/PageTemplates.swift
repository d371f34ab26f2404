import Mustache

/// The page templates (Mustache: `{{x}}` is HTML-escaped; `{{{x}}}` is used only for HTML that
/// Gemba built and escaped itself, such as rendered Markdown, diffs and SVG charts). They are
/// compiled into the binary so that one file is all a plant deploys. The layout around each page
/// is `PageLayout`.
enum PageTemplates {
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all {
            let content = PageLayout.content(ofPage: text)
            guard !content.contains("{{<layout}}") else { throw WebError(status: .internalServerError, message: "the page template \(name) does not wrap its content as `{{<layout}}{{$content}} … {{/content}}{{/layout}}`") }
            try library.register(content, named: name)
        }
        return library
    }

    static var all: [String: String] {
        var templates = core
        for group in [dashboardTemplates, documentTemplates, reviewTemplates, briefingTemplates, meetingTemplates, actionTemplates, kpiTemplates, scheduleTemplates, trainingTemplates, auditTemplates, capaTemplates, bundleTemplates, requestTemplates, onboardingTemplates] {
            templates.merge(group) { first, _ in first }
        }
        return templates
    }

    static let core: [String: String] = [
        "error": """
        {{<layout}}{{$content}}
        <h1>{{#page}}{{heading}}{{/page}}</h1>
        <div class="card"><p>{{#page}}{{message}}{{/page}}</p><p><a href="/">Back to the dashboard</a></p></div>
        {{/content}}{{/layout}}
        """,
        "login": """
        {{<layout}}{{$content}}
        {{#page}}
        <div class="card">
        <h1>Log in</h1>
        <form method="post" action="/login">
        <input type="hidden" name="csrf" value="{{loginToken}}">
        <input type="hidden" name="next" value="{{next}}">
        <label for="username">User name</label><input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required value="{{username}}">
        <label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
        <p><button type="submit">Log in</button></p>
        </form>
        <p class="muted">Every login and every failed attempt is recorded in the audit trail. After {{maxAttempts}} wrong passwords in a row the account locks until an administrator unlocks it.</p>
        </div>
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
