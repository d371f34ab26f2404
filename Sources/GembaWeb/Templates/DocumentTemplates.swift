extension PageTemplates {
    static let documentTemplates: [String: String] = [
        "documents": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Documents</h1>
        <form class="filters" method="get" action="/documents" role="search">
        <div><label for="q">Search</label><input type="search" id="q" name="q" value="{{q}}" placeholder="ID or title"></div>
        <div><label for="type">Type</label><select id="type" name="type">{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/types}}</select></div>
        <div><label for="status">Status</label><select id="status" name="status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></div>
        <div><label for="area">Area</label><select id="area" name="area">{{#areas}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/areas}}</select></div>
        <div><button type="submit">Filter</button></div>
        {{#canCreate}}<div><a class="button secondary" href="/documents/new">New document</a></div>{{/canCreate}}
        </form>
        {{#hasRows}}
        <table><thead><tr><th>ID</th><th>Title</th><th>Type</th><th>Status</th><th>Revision</th><th>Effective</th><th>Next review</th><th>Owner</th><th>Areas</th></tr></thead><tbody>
        {{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{title}}</td><td>{{type}}</td><td><span class="badge">{{status}}</span></td><td>{{revision}}</td><td>{{effectiveDate}}</td><td{{#reviewLate}} class="late"{{/reviewLate}}>{{nextReviewDue}}</td><td>{{owner}}</td><td>{{areas}}</td></tr>{{/rows}}
        </tbody></table>
        {{/hasRows}}
        {{^hasRows}}<p class="card">No document matches.</p>{{/hasRows}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "document": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>{{id}} {{title}}</h1>
        <div class="grid">
        <div class="card">
        <p><span class="badge">{{type}}</span> <span class="badge">{{status}}</span></p>
        <p>Effective revision: <strong>{{effectiveRevision}}{{^effectiveRevision}}none yet{{/effectiveRevision}}</strong>{{#effectiveDate}} since {{effectiveDate}}{{/effectiveDate}}</p>
        <p>Next periodic review: <span{{#reviewLate}} class="late"{{/reviewLate}}>{{nextReviewDue}}{{^nextReviewDue}}–{{/nextReviewDue}}</span> (every {{reviewIntervalMonths}} months{{#lastReviewedOn}}; last {{lastReviewedOn}}{{/lastReviewedOn}})</p>
        <p>Owner: {{owner}}{{#areas}} · Areas: {{areas}}{{/areas}}</p>
        </div>
        <div class="card noprint">
        <h2>Actions</h2>
        {{#canEditDraft}}<p><a class="button" href="/documents/{{id}}/edit">Edit draft {{draftLetter}}</a></p>
        <form method="post" action="/documents/{{id}}/review"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="effective">Effective on (optional, YYYY-MM-DD)</label><input type="date" id="effective" name="effective">
        <label for="review-password">Your password (you sign draft {{draftLetter}} as its author)</label><input type="password" id="review-password" name="password" autocomplete="current-password" required>
        <p><button type="submit">Start the review</button></p></form>{{/canEditDraft}}
        {{#canRevise}}<form method="post" action="/documents/{{id}}/revise"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="reason">Reason for a new revision</label><input type="text" id="reason" name="reason" required>
        <label for="class">Change class</label><select id="class" name="class"><option value="minor">minor</option><option value="major">major</option></select>
        <label for="eco">ECO (optional)</label><input type="text" id="eco" name="eco">
        <p><button type="submit">Start a new revision</button></p></form>{{/canRevise}}
        {{#canStartPeriodic}}<form method="post" action="/documents/{{id}}/periodic-review"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}"><p><button class="secondary" type="submit">Start the periodic review</button></p></form>{{/canStartPeriodic}}
        {{#canObsolete}}<form method="post" action="/documents/{{id}}/obsolete"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="obsolete-reason">Reason to withdraw it</label><input type="text" id="obsolete-reason" name="reason" required><p><button class="danger" type="submit">Ask to make obsolete</button></p></form>{{/canObsolete}}
        {{#shown}}<p><a class="button secondary" href="{{downloadHref}}">Download rev {{letter}} ({{mainFile}})</a></p>{{/shown}}
        </div>
        </div>
        {{#shown}}
        <h2>Revision {{letter}} <span class="badge">{{status}}</span>{{^shownIsEffective}} <span class="badge late">not the effective revision</span>{{/shownIsEffective}}</h2>
        {{#signatures}}<p class="manifest">{{manifestation}}{{#step}} · step {{step}}{{/step}}{{#comment}} · “{{comment}}”{{/comment}}{{^verified}} <span class="badge late">signed content no longer matches</span>{{/verified}}</p>{{/signatures}}
        {{/shown}}
        {{#contentHTML}}<article class="content">{{{contentHTML}}}</article>{{/contentHTML}}
        {{#contentIsBinary}}<p class="card">{{mainFile}} is not text; download it to read it.</p>{{/contentIsBinary}}
        {{#hasAttachments}}<p>Attachments: {{#attachments}}{{.}} {{/attachments}}</p>{{/hasAttachments}}
        <h2>Compare revisions</h2>
        <form class="filters noprint" method="get" action="/documents/{{id}}/diff">
        <div><label for="from">From</label><select id="from" name="from">{{#fromOptions}}<option{{#selected}} selected{{/selected}}>{{value}}</option>{{/fromOptions}}</select></div>
        <div><label for="to">To</label><select id="to" name="to">{{#toOptions}}<option{{#selected}} selected{{/selected}}>{{value}}</option>{{/toOptions}}</select></div>
        <div><label for="view">Layout</label><select id="view" name="view"><option value="split">side by side</option><option value="unified">unified</option></select></div>
        <div><button type="submit">Compare</button></div>
        </form>
        <h2>Revision history</h2>
        <table><thead><tr><th>Rev</th><th>Status</th><th>Change</th><th>Author</th><th>Effective</th><th>Signatures</th><th></th></tr></thead><tbody>
        {{#revisions}}<tr><td><a href="{{viewHref}}">{{letter}}</a></td><td>{{status}}</td><td>{{changeReason}} ({{changeClass}}{{#eco}}, {{eco}}{{/eco}})</td><td>{{author}}</td><td>{{effectiveDate}}</td>
        <td>{{#signatures}}<div>{{manifestation}}</div>{{/signatures}}</td><td><a href="{{downloadHref}}">download</a></td></tr>{{/revisions}}
        </tbody></table>
        {{#hasCycles}}
        <h2>Reviews</h2>
        <table><thead><tr><th>#</th><th>Kind</th><th>Rev</th><th>Status</th><th>Step</th><th>Due</th><th>Started</th><th>Outcome</th></tr></thead><tbody>
        {{#cycles}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{kind}}</td><td>{{revision}}</td><td>{{status}}</td><td>{{step}}{{#stepRole}} ({{stepRole}}){{/stepRole}}</td><td>{{stepDue}}</td><td>{{startedAt}} by {{startedBy}}</td><td>{{outcome}}{{#comment}}: {{comment}}{{/comment}}</td></tr>{{/cycles}}
        </tbody></table>
        {{/hasCycles}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "document-diff": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1><a href="/documents/{{document}}">{{document}}</a>: revision {{from}} → {{to}}</h1>
        <p class="noprint"><a class="button secondary" href="{{otherLayoutHref}}">{{#split}}Unified view{{/split}}{{^split}}Side-by-side view{{/split}}</a></p>
        {{#hasFields}}<h2>Metadata</h2><table><thead><tr><th>Field</th><th>{{from}}</th><th>{{to}}</th></tr></thead><tbody>
        {{#fields}}<tr><td>{{field}}</td><td class="del">{{old}}</td><td class="add">{{new}}</td></tr>{{/fields}}</tbody></table>{{/hasFields}}
        <h2>Content</h2>
        {{#hasRows}}
        <table class="diff">
        {{#split}}{{#rows}}<tr><td class="ln">{{leftNumber}}</td><td class="{{leftKind}}">{{left}}</td><td class="ln">{{rightNumber}}</td><td class="{{rightKind}}">{{right}}</td></tr>{{/rows}}{{/split}}
        {{^split}}{{#rows}}<tr><td class="ln">{{leftNumber}}</td><td class="ln">{{rightNumber}}</td><td class="{{leftKind}}">{{left}}</td></tr>{{/rows}}{{/split}}
        </table>
        {{/hasRows}}
        {{^hasRows}}<p class="card">The files are the same.</p>{{/hasRows}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "document-new": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>New document</h1>
        <form class="card" method="post" action="/documents" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="type">Type</label><select id="type" name="type">{{#types}}<option value="{{code}}">{{code}} – {{name}}</option>{{/types}}</select>
        <label for="title">Title</label><input type="text" id="title" name="title" required maxlength="200">
        <label for="areas">Areas or lines (comma-separated, optional)</label><input type="text" id="areas" name="areas">
        <label for="markdown">Text (Markdown)</label><textarea id="markdown" name="markdown"></textarea>
        <label for="file">… or upload the file instead (PDF, DOCX, …)</label><input type="file" id="file" name="file">
        <p><button type="submit">Create draft A</button></p>
        </form>
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "document-edit": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Edit <a href="/documents/{{id}}">{{id}}</a> draft {{revision}}</h1>
        <form class="card" method="post" action="/documents/{{id}}/edit" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="title">Title</label><input type="text" id="title" name="title" value="{{title}}" maxlength="200">
        <label for="reason">Reason for the change</label><input type="text" id="reason" name="reason" value="{{changeReason}}">
        {{#markdown}}<label for="markdown">Text (Markdown)</label><textarea id="markdown" name="markdown">{{markdown}}</textarea>{{/markdown}}
        {{^markdown}}<p>The current file is {{mainFile}}; upload a replacement below.</p>{{/markdown}}
        <label for="file">Replace with an uploaded file (optional)</label><input type="file" id="file" name="file">
        <p><button type="submit">Save the draft</button> <a class="button secondary" href="/documents/{{id}}">Back</a></p>
        </form>
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
