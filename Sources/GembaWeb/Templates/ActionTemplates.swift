extension PageTemplates {
    static let actionTemplates: [String: String] = [
        "actions": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Action items</h1>
        <form class="filters" method="get" action="/actions">
        <div><label for="owner">Owner</label><select id="owner" name="owner">{{#ownerOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/ownerOptions}}</select></div>
        <div><label for="origin">Origin</label><select id="origin" name="origin">{{#originOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/originOptions}}</select></div>
        <div><label><input type="checkbox" name="overdue" value="1"{{#overdue}} checked{{/overdue}}> Overdue only</label></div>
        <div><label><input type="checkbox" name="all" value="1"{{#all}} checked{{/all}}> Also done and cancelled</label></div>
        <div><button type="submit">Filter</button></div>
        </form>
        {{#hasRows}}
        <table><thead><tr><th>Action</th><th>Text</th><th>Owner</th><th>Due</th><th>Priority</th><th>Status</th><th>Origin</th><th>Escalation</th></tr></thead><tbody>
        {{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{text}}</td><td>{{owner}}</td><td{{#late}} class="late"{{/late}}>{{dueOn}}<br><span class="muted">{{timing}}</span></td><td>{{priority}}</td><td>{{status}}</td><td>{{origin}} {{reference}}</td><td>{{#escalated}}<span class="badge late">{{escalation}}</span>{{/escalated}}</td></tr>{{/rows}}
        </tbody></table>
        {{/hasRows}}
        {{^hasRows}}<p class="card">No action item matches.</p>{{/hasRows}}
        {{#canAdd}}
        <h2 class="noprint">Add an action item</h2>
        <form class="card noprint" method="post" action="/actions">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="n-text">What will be done</label><input type="text" id="n-text" name="text" required>
        <div class="grid">
        <div><label for="n-owner">Owner</label><select id="n-owner" name="owner">{{#newOwnerOptions}}<option value="{{value}}">{{label}}</option>{{/newOwnerOptions}}</select></div>
        <div><label for="n-priority">Priority</label><select id="n-priority" name="priority">{{#priorityOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/priorityOptions}}</select></div>
        <div><label for="n-due">Due (default: by priority)</label><input type="date" id="n-due" name="due"></div>
        <div><label for="n-origin">Origin</label><select id="n-origin" name="origin">{{#newOriginOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/newOriginOptions}}</select></div>
        <div><label for="n-reference">Reference (audit, finding, CAPA, BOARD document; free text for other)</label><input type="text" id="n-reference" name="reference"></div>
        <div><label for="n-series">Carried by the meetings of</label><select id="n-series" name="series">{{#seriesOptions}}<option value="{{value}}">{{label}}</option>{{/seriesOptions}}</select></div>
        </div>
        <p><button type="submit">Add the action item</button></p>
        <p class="muted">Items raised in a meeting are added on the meeting's page.</p>
        </form>
        {{/canAdd}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "action": """
        {{<layout}}{{$content}}
        {{#page}}
        {{#item}}
        <h1>{{id}} <span class="badge">{{status}}</span>{{#escalated}} <span class="badge late">{{escalation}}</span>{{/escalated}}</h1>
        <div class="card">
        <p><strong>{{text}}</strong></p>
        <p>Owner: {{owner}} · Priority: {{priority}} · Due: <span{{#late}} class="late"{{/late}}>{{dueOn}}</span> {{timing}}</p>
        <p>Origin: {{origin}} {{reference}}
        {{/item}}
        {{#meetingHref}} · <a href="{{meetingHref}}">raised in the meeting</a>{{/meetingHref}}{{#series}} · carried by the series {{series}}{{/series}}</p>
        <p class="muted">Created by {{createdBy}} at {{createdAt}}</p>
        {{#closed}}<p class="manifest">{{closed}}{{#resolution}}: {{resolution}}{{/resolution}}</p>{{/closed}}
        </div>
        {{#hasCarried}}<p>Carried into: {{#carriedInto}}<a href="{{href}}">{{meeting}}</a> {{/carriedInto}}</p>{{/hasCarried}}
        <h2>Comments</h2>
        {{#hasComments}}{{#comments}}<div class="card"><p>{{text}}</p><p class="muted">C{{number}} · {{by}} · {{at}}</p></div>{{/comments}}{{/hasComments}}
        {{^hasComments}}<p class="muted">No comment.</p>{{/hasComments}}
        {{#canComment}}
        <form class="card noprint" method="post" action="/actions/{{#item}}{{id}}{{/item}}/comment">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="c-text">Comment</label><input type="text" id="c-text" name="text" required>
        <p><button type="submit">Add the comment</button></p>
        </form>
        {{/canComment}}
        {{#canWork}}
        <div class="grid noprint">
        <form class="card" method="post" action="/actions/{{#item}}{{id}}{{/item}}/update">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}"><input type="hidden" name="status" value="{{nextStatus}}">
        <h2>Work on it</h2>
        <p><button class="secondary" type="submit">{{nextStatusLabel}}</button></p>
        </form>
        <form class="card" method="post" action="/actions/{{#item}}{{id}}{{/item}}/done">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <h2>Done</h2>
        <label for="done-note">What was done</label><input type="text" id="done-note" name="note" required>
        <p><button type="submit">Mark done</button></p>
        </form>
        </div>
        {{/canWork}}
        {{#canPlan}}
        <div class="grid noprint">
        <form class="card" method="post" action="/actions/{{#item}}{{id}}{{/item}}/update">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <h2>Change the plan</h2>
        <p class="muted">Only the fields filled in change.</p>
        <label for="p-text">New text</label><input type="text" id="p-text" name="text">
        <label for="p-owner">New owner</label><select id="p-owner" name="owner">{{#ownerOptions}}<option value="{{value}}">{{label}}</option>{{/ownerOptions}}</select>
        <label for="p-due">New due date</label><input type="date" id="p-due" name="due">
        <label for="p-priority">New priority</label><select id="p-priority" name="priority">{{#priorityOptions}}<option value="{{value}}">{{label}}</option>{{/priorityOptions}}</select>
        <label for="p-series">Carried by</label><select id="p-series" name="series">{{#seriesOptions}}<option value="{{value}}">{{label}}</option>{{/seriesOptions}}</select>
        <label for="p-reason">Reason (needed for a new due date; kept in the audit trail)</label><input type="text" id="p-reason" name="reason">
        <p><button type="submit">Save the change</button></p>
        </form>
        <form class="card" method="post" action="/actions/{{#item}}{{id}}{{/item}}/cancel">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <h2>Cancel</h2>
        <label for="cancel-reason">Why it is no longer needed</label><input type="text" id="cancel-reason" name="reason" required>
        <p><button class="danger" type="submit">Cancel the item</button></p>
        </form>
        </div>
        {{/canPlan}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
