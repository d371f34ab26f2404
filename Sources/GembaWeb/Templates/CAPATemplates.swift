extension PageTemplates {
    static let capaTemplates: [String: String] = [
        "capas": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Corrective actions (CAPA)</h1>
        <form class="filters" method="get" action="/capa">
        <div><label for="owner">Owner</label><select id="owner" name="owner">{{#owners}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/owners}}</select></div>
        <div><label for="grade">Grade</label><select id="grade" name="grade">{{#grades}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/grades}}</select></div>
        <div><label for="closed">Closed ones</label><select id="closed" name="closed"><option value="">newest only</option><option value="1"{{#includeClosed}} selected{{/includeClosed}}>all</option></select></div>
        {{#isList}}<input type="hidden" name="view" value="list">{{/isList}}
        <div><button type="submit">Filter</button></div>
        <div>{{#isList}}<a class="button secondary" href="{{boardHref}}">Board</a>{{/isList}}{{^isList}}<a class="button secondary" href="{{listHref}}">List</a>{{/isList}}</div>
        </form>
        {{^isList}}
        <div class="board">
        {{#columns}}<section class="column"><h3>{{label}} <span class="badge">{{count(cards)}}</span></h3>
        {{#cards}}<div class="card{{#late}} late-card{{/late}}"><a href="{{href}}"><strong>{{id}}</strong></a> <span class="badge {{gradeClass}}">{{grade}}</span>{{#reopened}} <span class="badge soon">reopened {{reopened}}×</span>{{/reopened}}
        <div>{{title}}</div><div class="muted">{{ownerName}}</div>{{#due}}<div{{#late}} class="late"{{/late}}>due {{due}} · {{dueText}}</div>{{/due}}</div>{{/cards}}
        {{#more}}<p class="muted">{{more}} older closed: <a href="{{listHref}}&amp;closed=1">list</a></p>{{/more}}
        </section>{{/columns}}
        </div>
        {{/isList}}
        {{#isList}}
        {{#hasRows}}
        <table><thead><tr><th>CAPA</th><th>Title</th><th>Grade</th><th>State</th><th>Owner</th><th class="num">Days open</th><th>Next due</th><th></th></tr></thead><tbody>
        {{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{title}}{{#reopened}} <span class="badge soon">reopened {{reopened}}×</span>{{/reopened}}</td><td><span class="badge {{gradeClass}}">{{grade}}</span></td><td>{{state}}</td><td>{{ownerName}}</td><td class="num">{{openDays}}</td><td>{{due}}</td><td{{#late}} class="late"{{/late}}>{{dueText}}</td></tr>{{/rows}}
        </tbody></table>
        {{/hasRows}}
        {{^hasRows}}<p class="card">No CAPA.</p>{{/hasRows}}
        {{/isList}}
        {{#canOpen}}
        <details class="card noprint"><summary>Open a CAPA</summary>
        <form method="post" action="/capa"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="new-title">Title</label><input type="text" id="new-title" name="title" required maxlength="200">
        <label for="new-finding">Audit findings it answers (optional, e.g. AUD-2026-001/F2, comma-separated)</label><input type="text" id="new-finding" name="finding">
        <label for="new-source">Without findings: source</label><select id="new-source" name="source"><option value="">– (audit findings)</option>{{#sourceOptions}}<option value="{{value}}">{{label}}</option>{{/sourceOptions}}</select>
        <label for="new-reference">Complaint, incident or report number (optional)</label><input type="text" id="new-reference" name="reference">
        <label for="new-grade">Grade (default: the findings' most serious)</label><select id="new-grade" name="grade"><option value="">–</option>{{#gradeChoices}}<option value="{{value}}">{{label}}</option>{{/gradeChoices}}</select>
        <label for="new-owner">Owner</label><select id="new-owner" name="owner">{{#ownerOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/ownerOptions}}</select>
        <label for="new-problem">Problem statement (what, where, when, how many)</label><textarea class="short" id="new-problem" name="problem" required></textarea>
        <p><button type="submit">Open the CAPA</button></p>
        </form>
        </details>
        {{/canOpen}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "capa": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>{{id}} {{title}}</h1>
        <ol class="stages">{{#stages}}<li class="{{#current}}current{{/current}}{{#passed}}passed{{/passed}}">{{label}}</li>{{/stages}}</ol>
        <div class="grid">
        <div class="card">
        <p><span class="badge {{gradeClass}}">{{gradeName}}</span> <span class="badge">{{state}}</span>{{#reopened}} <span class="badge soon">reopened {{reopened}}×</span>{{/reopened}}</p>
        <p>Source: {{source}}{{#sourceReference}} {{sourceReference}}{{/sourceReference}}{{#hasFindings}} · Findings: {{#findings}}<a href="{{href}}">{{label}}</a> {{/findings}}{{/hasFindings}}</p>
        <p>Owner: {{ownerName}} ({{owner}}) · open {{openDays}} days</p>
        <p>Plan due {{planDue}} · actions due {{completeDue}}{{#effectivenessDue}} · effectiveness check due {{effectivenessDue}}{{/effectivenessDue}}</p>
        <p class="muted">Opened {{opened}}{{#verifiedAt}} · verified {{verifiedAt}}{{/verifiedAt}}{{#closedAt}} · closed {{closedAt}}{{/closedAt}}</p>
        </div>
        <div class="card noprint">
        <h2>Next</h2>
        {{#next}}<p>{{next}}</p>{{/next}}{{^next}}<p>Nothing: the CAPA is closed.</p>{{/next}}
        {{#isAssessor}}<p class="muted">Assessor accounts are read-only.</p>{{/isAssessor}}
        {{#verifyRefusal}}<p>{{verifyRefusal}}</p>{{/verifyRefusal}}
        </div>
        </div>
        <h2>Problem</h2>
        <p class="card">{{problem}}</p>
        <h2>Containment</h2>
        {{#containment}}<p class="card">{{containment}}<br><span class="muted">in place {{containedOn}}</span></p>{{/containment}}
        {{^containment}}<p class="card muted">Not recorded.</p>{{/containment}}
        {{#canContain}}
        <form class="card noprint" method="post" action="/capa/{{id}}/contain"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="containment">What was done at once (sorted, quarantined, stopped...)</label><textarea class="short" id="containment" name="containment" required></textarea>
        <label for="contained-on">In place since</label><input type="date" id="contained-on" name="date" value="{{today}}">
        <p><button type="submit">Record the containment</button></p>
        </form>
        {{/canContain}}
        <h2>Root cause</h2>
        {{#hasWhys}}<ol class="card whys">{{#whys}}<li>Why? {{text}}</li>{{/whys}}</ol>{{/hasWhys}}
        {{#rootCause}}<p class="card"><strong>Root cause{{#causeCategory}} ({{causeCategory}}){{/causeCategory}}:</strong> {{rootCause}}</p>{{/rootCause}}
        {{^rootCause}}<p class="card muted">Not recorded.</p>{{/rootCause}}
        {{#canRootCause}}
        <details class="card noprint"{{^rootCause}} open{{/rootCause}}><summary>Record the root cause (5 whys)</summary>
        <form method="post" action="/capa/{{id}}/root-cause"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        {{#whyFields}}<label for="why{{number}}">Why? ({{number}})</label><input type="text" id="why{{number}}" name="why{{number}}" value="{{text}}">{{/whyFields}}
        <label for="cause">Root cause</label><textarea class="short" id="cause" name="cause" required>{{rootCause}}</textarea>
        <label for="category">Category</label><select id="category" name="category">{{#categoryOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/categoryOptions}}</select>
        <p><button type="submit">Record the root cause</button></p>
        </form>
        </details>
        {{/canRootCause}}
        <h2>Actions <span class="badge">{{count(actions)}}</span></h2>
        {{#hasActions}}
        <table><thead><tr><th>Action</th><th>What</th><th>Owner</th><th>Due</th><th>Status</th><th>Evidence</th></tr></thead><tbody>
        {{#actions}}<tr id="{{anchor}}"><td>{{id}}</td><td>{{description}}{{#document}}<div class="muted">completes when <a href="{{href}}">{{label}}</a> becomes effective</div>{{/document}}</td><td>{{ownerName}}</td>
        <td>{{dueOn}}{{#isOpen}}<div{{#late}} class="late"{{/late}}>{{dueText}}</div>{{/isOpen}}</td><td><span class="badge{{#isOpen}}{{#late}} late{{/late}}{{/isOpen}}{{^isOpen}} ok{{/isOpen}}">{{status}}</span></td>
        <td>{{evidence}}{{#done}}<div class="muted">{{done}}</div>{{/done}}
        {{#canComplete}}<form class="noprint" method="post" action="{{completeHref}}"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="evidence-{{anchor}}">Evidence it was done</label><input type="text" id="evidence-{{anchor}}" name="evidence" required>
        <button type="submit">Complete {{anchor}}</button></form>{{/canComplete}}</td></tr>{{/actions}}
        </tbody></table>
        {{/hasActions}}
        {{^hasActions}}<p class="card muted">No action planned.</p>{{/hasActions}}
        {{#canPlan}}
        <details class="card noprint"><summary>Plan an action</summary>
        <form method="post" action="/capa/{{id}}/actions"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="action">What will be done</label><input type="text" id="action" name="action">
        <label for="action-owner">Owner</label><select id="action-owner" name="owner">{{#ownerOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/ownerOptions}}</select>
        <label for="action-due">Due (default: the CAPA's completion deadline {{completeDue}})</label><input type="date" id="action-due" name="due">
        <label for="action-document">Or revise a document (the action completes when its next revision becomes effective)</label><input type="text" id="action-document" name="document" placeholder="SOP-0012">
        <label for="action-revision">… to revision (optional)</label><input type="text" id="action-revision" name="revision" placeholder="D">
        <p><button type="submit">Plan the action</button></p>
        </form>
        </details>
        {{/canPlan}}
        <h2>Signatures</h2>
        {{#hasSignatures}}{{#signatures}}<p class="manifest">{{manifestation}} · {{step}}{{#comment}} · “{{comment}}”{{/comment}}{{#changed}} <span class="badge late">signed content no longer matches</span>{{/changed}}{{^changed}} <span class="badge">{{check}}</span>{{/changed}}</p>{{/signatures}}{{/hasSignatures}}
        {{^hasSignatures}}<p class="card muted">No signature yet.</p>{{/hasSignatures}}
        {{#canVerify}}
        <form class="card noprint" method="post" action="/capa/{{id}}/verify"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}"><input type="hidden" name="meaning" value="verified">
        <h3>Verify that the actions were done</h3>
        <p>Meaning of your signature: <strong>verified</strong></p>
        <label><input type="checkbox" name="confirm" value="yes" required> I checked that every action of {{id}} was done as recorded and sign it as <em>verified</em>.</label>
        <label for="verify-comment">Comment (optional)</label><input type="text" id="verify-comment" name="comment">
        <label for="verify-password">Password (asked at every signature)</label><input type="password" id="verify-password" name="password" autocomplete="current-password" required>
        <p><button type="submit">Sign as verified</button></p>
        </form>
        {{/canVerify}}
        {{#canCheckEffectiveness}}
        <div class="grid noprint">
        <form class="card" method="post" action="/capa/{{id}}/effectiveness"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}"><input type="hidden" name="result" value="effective"><input type="hidden" name="meaning" value="effective">
        <h3>Effectiveness check (due {{effectivenessDue}})</h3>
        <p>Meaning of your signature: <strong>effective</strong></p>
        <label><input type="checkbox" name="confirm" value="yes" required> The problem has not come back: I sign {{id}} as <em>effective</em>.</label>
        <label for="effective-comment">What was checked (optional)</label><input type="text" id="effective-comment" name="comment">
        <label for="effective-password">Password</label><input type="password" id="effective-password" name="password" autocomplete="current-password" required>
        <p><button type="submit">Sign as effective</button></p>
        </form>
        <form class="card" method="post" action="/capa/{{id}}/effectiveness"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}"><input type="hidden" name="result" value="not-effective"><input type="hidden" name="meaning" value="not effective">
        <h3>… or not effective (reopens the CAPA)</h3>
        <p>Meaning of your signature: <strong>not effective</strong></p>
        <label><input type="checkbox" name="confirm" value="yes" required> The actions did not work: I sign {{id}} as <em>not effective</em>.</label>
        <label for="not-effective-comment">What was found</label><input type="text" id="not-effective-comment" name="comment" required>
        <label for="not-effective-password">Password</label><input type="password" id="not-effective-password" name="password" autocomplete="current-password" required>
        <p><button class="danger" type="submit">Sign as not effective</button></p>
        </form>
        </div>
        {{/canCheckEffectiveness}}
        {{#canClose}}
        <form class="card noprint" method="post" action="/capa/{{id}}/close"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <h3>Close {{id}} (role {{closureRole}})</h3>
        <label for="close-meaning">Meaning of your signature</label><select id="close-meaning" name="meaning"><option value="approved">approved</option><option value="responsibility">responsibility</option></select>
        <label><input type="checkbox" name="confirm" value="yes" required> I close {{id}} and sign with the meaning chosen above.</label>
        <label for="close-comment">Comment (optional)</label><input type="text" id="close-comment" name="comment">
        <label for="close-password">Password</label><input type="password" id="close-password" name="password" autocomplete="current-password" required>
        <p><button type="submit">Sign the closure</button></p>
        </form>
        {{/canClose}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
