import Mustache

/// The page templates (Mustache: `{{x}}` is HTML-escaped; `{{{x}}}` is used only for HTML that
/// Gemba built and escaped itself, such as rendered Markdown, diffs and SVG charts). They are
/// compiled into the binary so that one file is all a plant deploys.
enum PageTemplates {
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all { try library.register(text, named: name) }
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
        "layout": """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Gemba</title>
        <link rel="stylesheet" href="/static/gemba.css">
        </head>
        <body>
        <header class="top">
        <a class="brand" href="/">Gemba</a><span class="plant">{{plant}}</span>
        {{#user}}
        <nav aria-label="Main">{{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/nav}}</nav>
        <form method="post" action="/logout" class="logout"><input type="hidden" name="csrf" value="{{csrf}}"><span>{{name}}{{#assessor}} (assessor, read-only){{/assessor}}</span><button class="secondary" type="submit">Log out</button></form>
        {{/user}}
        </header>
        <main>
        {{#flash}}<p class="flash{{#isError}} error{{/isError}}" role="status">{{text}}</p>{{/flash}}
        {{$content}}{{/content}}
        </main>
        <footer>Gemba · {{plant}} · page made {{generatedAt}} UTC{{#user}} for {{username}}{{/user}}</footer>
        </body>
        </html>
        """,
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
