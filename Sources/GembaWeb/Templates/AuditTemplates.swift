extension PageTemplates {
    static let auditTemplates: [String: String] = [
        "audits": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Audits</h1>
        <form class="filters" method="get" action="/audits">
        <div><label for="status">Status</label><select id="status" name="status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></div>
        <div><button type="submit">Filter</button></div>
        <div><a class="button secondary" href="/bundles">Evidence bundle</a></div>
        </form>
        {{#hasRows}}
        <table><thead><tr><th>Audit</th><th>Title</th><th>Kind</th><th>Status</th><th>Dates</th><th>Standard</th><th>Lead auditor</th><th>Findings</th></tr></thead><tbody>
        {{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{title}}</td><td>{{kind}}</td><td><span class="badge">{{status}}</span></td><td>{{dates}}</td><td>{{standard}}</td><td>{{lead}}</td><td>{{findings}}</td></tr>{{/rows}}
        </tbody></table>
        {{/hasRows}}
        {{^hasRows}}<p class="card">No audit.</p>{{/hasRows}}
        {{#canPlan}}
        <details class="card noprint"><summary>Plan an audit</summary>
        <form method="post" action="/audits">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="kind">Kind</label><select id="kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select>
        <label for="title">Title</label><input type="text" id="title" name="title" required maxlength="200">
        <label for="standard">Standard</label><input type="text" id="standard" name="standard" required placeholder="ISO 9001:2015">
        <label for="clauses">Clauses in scope</label><input type="text" id="clauses" name="clauses" required placeholder="4.4, 7.5, 8.5.1">
        <label for="areas">Areas or lines (optional, comma-separated)</label><input type="text" id="areas" name="areas">
        <label for="documents">Documents in scope (optional, comma-separated IDs)</label><input type="text" id="documents" name="documents">
        <label for="lead">Lead auditor</label><input type="text" id="lead" name="lead" required>
        <label for="body">Auditing organisation (optional)</label><input type="text" id="body" name="body">
        <label for="start">First day</label><input type="date" id="start" name="start" required value="{{today}}">
        <label for="end">Last day (optional)</label><input type="date" id="end" name="end">
        <label for="checklist">Checklist template (optional, e.g. iso9001)</label><input type="text" id="checklist" name="checklist">
        <p><button type="submit">Plan the audit</button></p>
        </form>
        </details>
        {{/canPlan}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "audit": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>{{id}} {{title}}</h1>
        <div class="grid">
        <div class="card">
        <p><span class="badge">{{kind}}</span> <span class="badge">{{status}}</span></p>
        <p>{{standard}}, clauses {{clauses}}</p>
        <p>Dates: {{dates}} · Lead auditor: {{leadAuditor}}{{#auditingBody}} ({{auditingBody}}){{/auditingBody}}</p>
        {{#scopeAreas}}<p>Areas: {{scopeAreas}}</p>{{/scopeAreas}}
        {{#hasScopeDocuments}}<p>Documents in scope: {{#scopeDocuments}}<a href="{{href}}">{{label}}</a> {{/scopeDocuments}}</p>{{/hasScopeDocuments}}
        <p class="muted">Planned {{created}}{{#startedAt}} · started {{startedAt}}{{/startedAt}}{{#reportIssuedAt}} · report issued {{reportIssuedAt}}{{/reportIssuedAt}}{{#closedAt}} · closed {{closedAt}}{{/closedAt}}</p>
        {{#reportSummary}}<p><strong>Report:</strong> {{reportSummary}}</p>{{/reportSummary}}
        {{#hasAssessors}}<p>Assessors (read-only): {{#assessors}}{{name}} ({{username}}) until {{expiresAt}}{{#expired}} <span class="badge">expired</span>{{/expired}}; {{/assessors}}</p>{{/hasAssessors}}
        </div>
        <div class="card noprint">
        <h2>Next</h2>
        {{#next}}<p>{{next}}</p>{{/next}}{{^next}}<p>Nothing: the audit is closed.</p>{{/next}}
        {{#canStart}}<form method="post" action="/audits/{{id}}/start"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}"><p><button type="submit">Start the audit</button></p></form>{{/canStart}}
        {{#canWork}}
        <form method="post" action="/audits/{{id}}/report"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="summary">Report summary</label><textarea class="short" id="summary" name="summary" required></textarea>
        <p><button type="submit">Issue the report</button></p></form>
        {{/canWork}}
        {{#canClose}}<form method="post" action="/audits/{{id}}/close"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}"><p><button type="submit">Close the audit</button></p></form>{{/canClose}}
        <p><a class="button secondary" href="{{bundleHref}}">Evidence bundle of this audit</a></p>
        </div>
        </div>
        {{#hasItems}}
        <h2 id="checklist">Checklist {{checklist}} <span class="badge">{{answered}}</span></h2>
        <table><thead><tr><th>Item</th><th>Clause</th><th>Question</th><th>Result</th><th>Note</th><th>Checked</th></tr></thead><tbody>
        {{#items}}<tr><td>{{item}}</td><td>{{clause}}</td><td>{{question}}</td><td>{{#result}}<span class="badge {{resultClass}}">{{result}}</span>{{/result}}{{^result}}–{{/result}}</td><td>{{note}}</td><td class="muted">{{checked}}</td></tr>{{/items}}
        </tbody></table>
        {{#canWork}}
        <form class="card noprint" method="post" action="/audits/{{id}}/check"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <h3>Answer a checklist item</h3>
        <label for="check-item">Item</label><select id="check-item" name="item">{{#itemOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/itemOptions}}</select>
        <label for="check-result">Result</label><select id="check-result" name="result">{{#resultOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/resultOptions}}</select>
        <label for="check-note">What was seen (needed for nonconform)</label><textarea class="short" id="check-note" name="note"></textarea>
        <p><button type="submit">Record the answer</button></p>
        </form>
        {{/canWork}}
        {{/hasItems}}
        <h2>Findings <span class="badge">{{count(findings)}}</span></h2>
        {{#findings}}
        <div class="card finding" id="{{anchor}}">
        <h3>{{id}} <span class="badge {{gradeClass}}">{{gradeName}}</span> clause {{clause}}</h3>
        <p>{{description}}</p>
        <p><strong>Evidence:</strong> {{evidence}}</p>
        {{#hasRevisions}}<p>Cited revisions: {{#revisions}}<a href="{{href}}">{{label}}</a> {{/revisions}}</p>{{/hasRevisions}}
        {{#hasRecords}}<p>Records: {{#records}}<span class="badge">{{.}}</span> {{/records}}</p>{{/hasRecords}}
        <p>Owner: {{ownerName}} ({{owner}}){{#area}} · Area {{area}}{{/area}}{{#checklistItem}} · Checklist item {{checklistItem}}{{/checklistItem}}</p>
        <p>CAPA: {{#capa}}<a href="{{href}}">{{label}}</a>{{/capa}}{{^capa}}{{#needsCAPA}}<span class="badge late">needs a CAPA</span>{{/needsCAPA}}{{^needsCAPA}}none needed{{/needsCAPA}}{{/capa}}</p>
        <p class="muted">Raised {{raised}}</p>
        {{#needsCAPA}}{{#canRaiseCAPA}}
        <details class="noprint"><summary>Raise a CAPA for {{id}}</summary>
        <form method="post" action="/capa"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}"><input type="hidden" name="finding" value="{{id}}">
        <label for="capa-title-{{anchor}}">Title</label><input type="text" id="capa-title-{{anchor}}" name="title" required maxlength="200">
        <label for="capa-problem-{{anchor}}">Problem statement (what, where, when, how many)</label><textarea class="short" id="capa-problem-{{anchor}}" name="problem" required>{{description}}</textarea>
        <p class="muted">The CAPA takes the finding's grade and owner ({{ownerName}}).</p>
        <p><button type="submit">Open the CAPA</button></p>
        </form>
        </details>
        {{/canRaiseCAPA}}{{/needsCAPA}}
        </div>
        {{/findings}}
        {{^findings}}<p class="card">No finding.</p>{{/findings}}
        {{#canWork}}
        <details class="card noprint"><summary>Record a finding</summary>
        <form method="post" action="/audits/{{id}}/findings"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="grade">Grade</label><select id="grade" name="grade">{{#gradeOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/gradeOptions}}</select>
        <label for="clause">Clause</label><input type="text" id="clause" name="clause" required placeholder="7.1.5.2">
        <label for="description">What is wrong, or could be better</label><textarea class="short" id="description" name="description" required></textarea>
        <label for="evidence">Objective evidence seen</label><textarea class="short" id="evidence" name="evidence" required></textarea>
        <label for="documents">Cited document revisions (optional: SOP-0012/C or SOP-0012, comma-separated)</label><input type="text" id="documents" name="documents">
        <label for="records">Records cited (optional, one per line: form, log, lot...)</label><textarea class="short" id="records" name="records"></textarea>
        <label for="area">Area or line</label><select id="area" name="area">{{#areaOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/areaOptions}}</select>
        <label for="owner">Owner</label><select id="owner" name="owner">{{#ownerOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/ownerOptions}}</select>
        {{#hasItems}}<label for="item">From checklist item (optional)</label><select id="item" name="item"><option value="">–</option>{{#itemOptions}}<option value="{{value}}">{{label}}</option>{{/itemOptions}}</select>{{/hasItems}}
        <p><button type="submit">Record the finding</button></p>
        </form>
        </details>
        {{/canWork}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
