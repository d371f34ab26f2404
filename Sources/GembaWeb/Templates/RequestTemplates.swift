extension PageTemplates {
    static let requestTemplates: [String: String] = [
        "requests": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Requests</h1>
        <form class="filters" method="get" action="/requests">
        <div><label for="kind">Kind</label><select id="kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></div>
        <div><label for="status">Status</label><select id="status" name="status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></div>
        <div><label for="mine">Whose</label><select id="mine" name="mine"><option value="">everyone's</option><option value="1"{{#mine}} selected{{/mine}}>mine (submitted or to decide)</option></select></div>
        <div><button type="submit">Filter</button></div>
        <div><a class="button" href="/requests/new">New request</a></div>
        </form>
        {{#hasRows}}
        <table><thead><tr><th>Request</th><th>Kind</th><th>Title</th><th>Status</th><th>Requester</th><th>Approver</th><th>Submitted</th><th class="num">Days open</th><th>Due</th></tr></thead><tbody>
        {{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{kindName}}</td><td>{{title}}</td><td><span class="badge">{{status}}</span></td><td>{{requester}}</td><td>{{approver}}</td><td>{{submittedOn}}</td><td class="num">{{openDays}}</td><td>{{dueDate}}{{#dueText}}<div{{#late}} class="late"{{/late}}>{{dueText}}</div>{{/dueText}}</td></tr>{{/rows}}
        </tbody></table>
        {{/hasRows}}
        {{^hasRows}}<p class="card">No request matches.</p>{{/hasRows}}
        <h2>Aging of the {{openCount}} open request(s)</h2>
        {{#hasAging}}
        <table><thead><tr><th>Kind</th><th class="num">Open</th><th class="num">Overdue</th><th class="num">Oldest (days)</th>{{#buckets}}<th class="num">{{.}} d</th>{{/buckets}}</tr></thead><tbody>
        {{#byKind}}<tr><td>{{name}}</td><td class="num">{{count}}</td><td class="num">{{overdue}}</td><td class="num">{{oldest}}</td>{{#buckets}}<td class="num">{{.}}</td>{{/buckets}}</tr>{{/byKind}}
        </tbody></table>
        <table><thead><tr><th>Approver</th><th class="num">Open</th><th class="num">Overdue</th><th class="num">Oldest (days)</th>{{#buckets}}<th class="num">{{.}} d</th>{{/buckets}}</tr></thead><tbody>
        {{#byApprover}}<tr><td>{{name}}</td><td class="num">{{count}}</td><td class="num">{{overdue}}</td><td class="num">{{oldest}}</td>{{#buckets}}<td class="num">{{.}}</td>{{/buckets}}</tr>{{/byApprover}}
        </tbody></table>
        {{/hasAging}}
        {{^hasAging}}<p class="card">No request is open.</p>{{/hasAging}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "request-new": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>New request</h1>
        <form class="filters noprint" method="get" action="/requests/new">
        <div><label for="kind">Kind</label><select id="kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></div>
        <div><button type="submit">{{#kind}}Change the kind{{/kind}}{{^kind}}Choose{{/kind}}</button></div>
        </form>
        {{#kind}}
        <form class="card" method="post" action="/requests">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}?kind={{kind}}"><input type="hidden" name="kind" value="{{kind}}">
        <h2>{{kindName}}</h2>
        <p class="muted">Approved by a holder of {{approverRole}}; due {{dueDays}} days after it is submitted.</p>
        {{#contractorAccess}}<p>{{contractorAccess}}</p>{{/contractorAccess}}
        <label for="title">Title</label><input type="text" id="title" name="title" required maxlength="200">
        {{#fields}}
        <label for="{{inputName}}">{{label}}{{^required}} (optional){{/required}}</label>
        {{#inputType}}<input type="{{inputType}}" id="{{inputName}}" name="{{inputName}}"{{#required}} required{{/required}}>{{/inputType}}
        {{^inputType}}<select id="{{inputName}}" name="{{inputName}}"{{#multiple}} multiple{{/multiple}}>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/inputType}}
        {{/fields}}
        <label for="approver">Who decides</label><select id="approver" name="approver">{{#approvers}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/approvers}}</select>
        <p><button type="submit">Submit the request</button></p>
        </form>
        {{/kind}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "request": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>{{id}} {{title}}</h1>
        <div class="grid">
        <div class="card">
        <p><span class="badge">{{kindName}}</span> <span class="badge">{{status}}</span></p>
        <p>Requested by {{requester}} on {{submittedAt}} · decided by {{approver}}</p>
        <p>Due {{dueDate}}{{#dueText}} <span{{#late}} class="late"{{/late}}>({{dueText}})</span>{{/dueText}} · open {{openDays}} days</p>
        <table><tbody>{{#details}}<tr><th>{{name}}</th><td>{{value}}</td></tr>{{/details}}</tbody></table>
        {{#signature}}<p class="manifest">{{manifestation}}{{#comment}} · “{{comment}}”{{/comment}}{{^verified}} <span class="badge late">signed content no longer matches</span>{{/verified}}</p>{{/signature}}
        {{#closed}}<p>{{closed}}{{#closeNote}}: {{closeNote}}{{/closeNote}}</p>{{/closed}}
        </div>
        <div class="card noprint">
        <h2>Next</h2>
        {{#next}}<p>{{next}}</p>{{/next}}{{^next}}<p>Nothing: the request is closed.</p>{{/next}}
        {{#canDecide}}
        <form method="post" action="/requests/{{id}}/approve"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}"><input type="hidden" name="meaning" value="approved">
        <h3>Approve</h3>
        <p>Meaning of your signature: <strong>approved</strong></p>
        <label><input type="checkbox" name="confirm" value="yes" required> I approve {{id}} as shown and sign it as <em>approved</em>.</label>
        <label for="approve-comment">Comment (optional)</label><input type="text" id="approve-comment" name="comment">
        <label for="approve-password">Password (asked at every signature)</label><input type="password" id="approve-password" name="password" autocomplete="current-password" required>
        <p><button type="submit">Sign as approved</button></p>
        </form>
        <form method="post" action="/requests/{{id}}/reject"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}"><input type="hidden" name="meaning" value="rejected">
        <h3>Or reject</h3>
        <p>Meaning of your signature: <strong>rejected</strong></p>
        <label><input type="checkbox" name="confirm" value="yes" required> I reject {{id}} and sign it as <em>rejected</em>.</label>
        <label for="reject-comment">Why</label><input type="text" id="reject-comment" name="comment" required>
        <label for="reject-password">Password</label><input type="password" id="reject-password" name="password" autocomplete="current-password" required>
        <p><button class="danger" type="submit">Sign as rejected</button></p>
        </form>
        {{/canDecide}}
        {{#canFulfil}}
        <form method="post" action="/requests/{{id}}/fulfil"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="note">What was done (order number, work order, badge...)</label><input type="text" id="note" name="note" required>
        <p><button type="submit">Record as fulfilled</button></p>
        </form>
        {{/canFulfil}}
        {{#canCancel}}
        <details><summary>Withdraw the request</summary>
        <form method="post" action="/requests/{{id}}/cancel"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="reason">Why it is withdrawn</label><input type="text" id="reason" name="reason" required>
        <p><button class="danger" type="submit">Cancel the request</button></p>
        </form>
        </details>
        {{/canCancel}}
        </div>
        </div>
        <h2 id="comments">Comments</h2>
        {{#comments}}<div class="card"><p class="muted">{{number}}. {{name}} ({{username}}), {{at}}</p><p>{{text}}</p></div>{{/comments}}
        {{^hasComments}}<p class="card muted">No comment yet.</p>{{/hasComments}}
        <form class="card noprint" method="post" action="/requests/{{id}}/comment"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}#comments">
        <label for="text">Add a comment</label><textarea class="short" id="text" name="text" required></textarea>
        <p><button class="secondary" type="submit">Comment</button></p>
        </form>
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
