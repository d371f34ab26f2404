extension PageTemplates {
    static let meetingTemplates: [String: String] = [
        "meetings": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Meetings</h1>
        {{#canPlan}}
        <form class="filters noprint" method="post" action="/meetings">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <div><label for="plan-series">Series</label><select id="plan-series" name="series">{{#planOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/planOptions}}</select></div>
        <div><label for="plan-date">Day</label><input type="date" id="plan-date" name="date" value="{{today}}"></div>
        <div><button type="submit">Plan the meeting</button></div>
        </form>
        {{/canPlan}}
        <h2>Series</h2>
        {{#hasSeries}}
        <table><thead><tr><th>Series</th><th>Title</th><th>Kind</th><th>Line</th><th>Facilitator</th><th class="num">Meetings</th><th>Last</th></tr></thead><tbody>
        {{#series}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{title}}</td><td>{{kindName}}</td><td>{{line}}</td><td>{{facilitator}}</td><td class="num">{{meetings}}</td><td>{{lastMeeting}}</td></tr>{{/series}}
        </tbody></table>
        {{/hasSeries}}
        {{^hasSeries}}<p class="card">No meeting series yet (<code>gemba meeting series add</code>).</p>{{/hasSeries}}
        <h2>{{#seriesFilter}}Meetings of {{seriesFilter}} · <a class="noprint" href="/meetings">all series</a>{{/seriesFilter}}{{^seriesFilter}}Recent meetings{{/seriesFilter}}</h2>
        {{#hasMeetings}}
        <table><thead><tr><th>Meeting</th><th>Day</th><th>Status</th><th>Series</th><th>Facilitator</th><th class="num">Present</th><th class="num">Decisions</th><th class="num">Actions</th></tr></thead><tbody>
        {{#meetings}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{heldOn}}</td><td><span class="badge">{{status}}</span></td><td>{{seriesTitle}}</td><td>{{facilitator}}</td><td class="num">{{present}}</td><td class="num">{{decisions}}</td><td class="num">{{actionsRaised}}</td></tr>{{/meetings}}
        </tbody></table>
        {{#more}}<p class="muted">{{more}} older meeting(s) not shown; choose a series to see all of its meetings.</p>{{/more}}
        {{/hasMeetings}}
        {{^hasMeetings}}<p class="card">No meeting yet.</p>{{/hasMeetings}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "meeting": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>{{id}} <span class="muted">{{title}}</span></h1>
        <div class="grid">
        <div class="card">
        <p><span class="badge">{{status}}</span> {{kindName}}, <a href="{{seriesHref}}">series {{series}}</a>{{#line}}, line {{line}}{{/line}}</p>
        <p>Day: <strong>{{heldOn}}</strong> · Facilitator: {{facilitator}}</p>
        {{#issued}}<p class="manifest">{{issued}}{{#minutesHash}}<br><span class="muted">content SHA-256 {{minutesHash}}</span>{{/minutesHash}}</p>{{/issued}}
        </div>
        <div class="card noprint">
        <h2>Minutes</h2>
        <p><a class="button secondary" href="{{markdownHref}}">Download Markdown</a> <a class="button secondary" href="{{htmlHref}}">Download HTML</a></p>
        {{^isClosed}}<p class="muted">Draft until the minutes are issued.</p>{{/isClosed}}
        {{#canRecord}}
        <form method="post" action="/meetings/{{id}}/close">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label><input type="checkbox" name="confirm" value="yes" required> The record is complete: issue the minutes (attendance not recorded becomes absent; nothing changes after).</label>
        <p><button class="danger" type="submit">Close the meeting</button></p>
        </form>
        {{/canRecord}}
        </div>
        </div>
        <h2>Agenda</h2>
        <ol>{{#agenda}}<li>{{#actionHref}}<a href="{{actionHref}}">{{title}}</a>{{/actionHref}}{{^actionHref}}{{title}}{{/actionHref}}{{#detail}}<br><span class="muted">{{detail}}</span>{{/detail}}</li>{{/agenda}}</ol>
        <h2>Attendance</h2>
        {{#canRecord}}
        <form method="post" action="/meetings/{{id}}/attendance">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <table><thead><tr><th>Person</th><th>Attendance</th></tr></thead><tbody>
        {{#attendance}}<tr><td><label for="{{field}}">{{name}} ({{username}})</label></td><td><select id="{{field}}" name="{{field}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select></td></tr>{{/attendance}}
        <tr><td><select id="guest" name="guest" aria-label="Guest">{{#guestOptions}}<option value="{{value}}">{{label}}</option>{{/guestOptions}}</select></td>
        <td><select name="guestStatus" aria-label="Guest's attendance"><option value="present">present</option><option value="excused">excused</option></select></td></tr>
        </tbody></table>
        <p><button type="submit">Record attendance</button></p>
        </form>
        {{/canRecord}}
        {{^canRecord}}
        <table><thead><tr><th>Person</th><th>Attendance</th></tr></thead><tbody>
        {{#attendance}}<tr><td>{{name}} ({{username}})</td><td>{{status}}</td></tr>{{/attendance}}
        </tbody></table>
        {{/canRecord}}
        <h2>Status updates</h2>
        {{#hasUpdates}}
        <table><thead><tr><th>#</th><th>Line or function</th><th>Topic</th><th>Rating</th><th>Update</th><th>By</th></tr></thead><tbody>
        {{#updates}}<tr><td>U{{number}}</td><td>{{subject}}</td><td>{{topic}}</td><td><span class="badge rating-{{ratingClass}}">{{rating}}</span></td><td>{{text}}</td><td>{{recordedBy}}</td></tr>{{/updates}}
        </tbody></table>
        {{/hasUpdates}}
        {{^hasUpdates}}<p class="muted">No status update.</p>{{/hasUpdates}}
        {{#canRecord}}
        <form class="card noprint" method="post" action="/meetings/{{id}}/updates">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <div class="grid">
        <div><label for="u-subject">Line or function</label><input type="text" id="u-subject" name="subject" required maxlength="40"></div>
        <div><label for="u-topic">Agenda item (optional)</label><input type="text" id="u-topic" name="topic" maxlength="100"></div>
        <div><label for="u-rating">Rating</label><select id="u-rating" name="rating">{{#ratingOptions}}<option value="{{value}}">{{label}}</option>{{/ratingOptions}}</select></div>
        </div>
        <label for="u-text">Update</label><input type="text" id="u-text" name="text" required>
        <p><button type="submit">Record the update</button></p>
        </form>
        {{/canRecord}}
        <h2>Decisions</h2>
        {{#hasDecisions}}<ol class="decisions">{{#decisions}}<li>D{{number}}: {{text}} <span class="muted">({{recordedBy}})</span></li>{{/decisions}}</ol>{{/hasDecisions}}
        {{^hasDecisions}}<p class="muted">No decision.</p>{{/hasDecisions}}
        {{#canRecord}}
        <form class="card noprint" method="post" action="/meetings/{{id}}/decisions">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="d-text">Decision</label><input type="text" id="d-text" name="text" required>
        <p><button type="submit">Record the decision</button></p>
        </form>
        {{/canRecord}}
        <h2>Action items raised</h2>
        {{#hasActions}}
        <table><thead><tr><th>Action</th><th>Text</th><th>Owner</th><th>Due</th><th>Priority</th><th>Status</th><th>Escalation</th></tr></thead><tbody>
        {{#actions}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{text}}</td><td>{{owner}}</td><td{{#late}} class="late"{{/late}}>{{dueOn}} {{timing}}</td><td>{{priority}}</td><td>{{status}}</td><td{{#escalated}} class="late"{{/escalated}}>{{escalation}}</td></tr>{{/actions}}
        </tbody></table>
        {{/hasActions}}
        {{^hasActions}}<p class="muted">No action item raised.</p>{{/hasActions}}
        {{#canRecord}}
        <form class="card noprint" method="post" action="/meetings/{{id}}/actions">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="a-text">What will be done</label><input type="text" id="a-text" name="text" required>
        <div class="grid">
        <div><label for="a-owner">Owner</label><select id="a-owner" name="owner">{{#ownerOptions}}<option value="{{value}}">{{label}}</option>{{/ownerOptions}}</select></div>
        <div><label for="a-priority">Priority</label><select id="a-priority" name="priority">{{#priorityOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/priorityOptions}}</select></div>
        <div><label for="a-due">Due (default: by priority)</label><input type="date" id="a-due" name="due"></div>
        </div>
        <p><button type="submit">Raise the action item</button></p>
        </form>
        {{/canRecord}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
