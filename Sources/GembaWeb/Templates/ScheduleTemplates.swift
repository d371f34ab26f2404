extension PageTemplates {
    static let scheduleTemplates: [String: String] = [
        "schedule": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Schedule · {{heading}}</h1>
        <form class="filters" method="get" action="/schedule">
        <input type="hidden" name="view" value="{{#isMonth}}month{{/isMonth}}{{^isMonth}}week{{/isMonth}}">
        <div><a class="button secondary" href="{{previousHref}}">← Before</a></div>
        <div><label for="date">Day</label><input type="date" id="date" name="date" value="{{date}}"></div>
        <div><label for="line">Line</label><select id="line" name="line">{{#lineOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/lineOptions}}</select></div>
        <div><button type="submit">Show</button></div>
        <div><a class="button secondary" href="{{nextHref}}">After →</a></div>
        <div><a class="button secondary" href="{{todayHref}}">Today</a></div>
        <div><a class="button secondary" href="{{otherViewHref}}">{{#isMonth}}Week view{{/isMonth}}{{^isMonth}}Month view{{/isMonth}}</a></div>
        </form>
        <p class="muted">Times in {{timeZone}}. Cancelled events are left out; events marked in red overlap a shutdown they should not.</p>
        <table class="calendar{{#isMonth}} month{{/isMonth}}">
        <thead><tr>{{#weekdays}}<th>{{.}}</th>{{/weekdays}}</tr></thead>
        <tbody>
        {{#weeks}}<tr>{{#cells}}<td class="{{classes}}">{{#isDay}}<span class="daynum">{{number}}</span>
        {{#events}}<a class="{{classes}}" href="{{href}}" title="{{tooltip}}"><span class="when">{{time}}</span> {{title}} <span class="muted">{{kind}}{{#status}} · {{status}}{{/status}}</span>{{#conflicts}}<span class="overlap">{{.}}</span>{{/conflicts}}</a>{{/events}}{{/isDay}}</td>{{/cells}}</tr>
        {{/weeks}}
        </tbody>
        </table>
        <h2>Conflicts <span class="badge{{#hasConflicts}} late{{/hasConflicts}}">{{count(conflicts)}}</span></h2>
        {{#hasConflicts}}
        <table><thead><tr><th>Shutdown</th><th>Overlaps</th><th>When</th><th>Why it matters</th></tr></thead><tbody>
        {{#conflicts}}<tr><td><a href="{{shutdownHref}}">{{shutdown}}</a></td><td><a href="{{otherHref}}">{{other}}</a></td><td>{{overlap}}</td><td>{{message}}</td></tr>{{/conflicts}}
        </tbody></table>
        {{/hasConflicts}}
        {{^hasConflicts}}<p class="muted">No conflict in this {{#isMonth}}month{{/isMonth}}{{^isMonth}}week{{/isMonth}}.</p>{{/hasConflicts}}
        <section class="card noprint">
        <h2>Subscribe in Outlook or Google Calendar</h2>
        <p>The feed: <code>{{feedExample}}</code> (opens here while you are logged in).</p>
        <p>Calendar programs cannot log in, so they subscribe with an API token in the address. Make one with <code>gemba token new --label calendar</code> and subscribe to:</p>
        <p><code>{{feedPattern}}</code></p>
        <p class="muted">Leave out <code>line</code> or <code>stakeholder</code> for every event{{#stakeholderGroups}}; stakeholder groups: {{stakeholderGroups}}{{/stakeholderGroups}}. The token reads what you may read; revoke it with <code>gemba token revoke</code> when it is no longer needed.</p>
        </section>
        {{#canManage}}
        <h2 class="noprint">Plan an event</h2>
        <form class="card noprint" method="post" action="/schedule">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <div class="grid">
        <div><label for="e-kind">Kind</label><select id="e-kind" name="kind">{{#kindOptions}}<option value="{{value}}">{{label}}</option>{{/kindOptions}}</select></div>
        <div><label for="e-status">Status</label><select id="e-status" name="status"><option value="planned">planned</option><option value="confirmed">confirmed</option></select></div>
        <div><label for="e-owner">Owner</label><select id="e-owner" name="owner">{{#ownerOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/ownerOptions}}</select></div>
        </div>
        <label for="e-title">Title</label><input type="text" id="e-title" name="title" required>
        <div class="grid">
        <div><label for="e-start">Start ({{timeZone}})</label><input type="datetime-local" id="e-start" name="start" required></div>
        <div><label for="e-end">End</label><input type="datetime-local" id="e-end" name="end" required></div>
        <div><label for="e-lines">Lines or areas (L1, L2)</label><input type="text" id="e-lines" name="lines" value="{{line}}"></div>
        <div><label for="e-stakeholders">Also tell these groups</label><input type="text" id="e-stakeholders" name="stakeholders"></div>
        <div><label for="e-eco">ECO (engineering changes)</label><input type="text" id="e-eco" name="eco"></div>
        <div><label for="e-documents">Documents (SOP-0007/C; training: WI-0003)</label><input type="text" id="e-documents" name="documents"></div>
        <div><label for="e-participants">Participants (training; user names)</label><input type="text" id="e-participants" name="participants"></div>
        <div><label for="e-note">Note</label><input type="text" id="e-note" name="note"></div>
        </div>
        <p><button type="submit">Plan the event</button></p>
        </form>
        {{/canManage}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "schedule-event": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>{{id}} {{title}} <span class="badge">{{status}}</span></h1>
        <div class="card">
        <p><strong>{{kind}}</strong> · lines {{lines}} · <a href="{{calendarHref}}">in the calendar</a></p>
        <p>{{localStart}} to {{localEnd}} ({{timeZone}})</p>
        <p>Owner: {{owner}} · Told: {{stakeholders}}</p>
        {{#eco}}<p>ECO: {{eco}}</p>{{/eco}}
        {{#documents}}<p>Documents: {{documents}}</p>{{/documents}}
        {{#participants}}<p>Participants: {{participants}}</p>{{/participants}}
        {{#trainingAssignments}}<p>Open training assignments: {{trainingAssignments}}</p>{{/trainingAssignments}}
        {{#note}}<p>Note: {{note}}</p>{{/note}}
        <p class="muted">Created by {{created}} · sequence {{sequence}}</p>
        </div>
        {{#hasConflicts}}
        <h2>Conflicts</h2>
        {{#conflicts}}<p class="event conflict"><a href="{{shutdownHref}}">{{shutdown}}</a> · <a href="{{otherHref}}">{{other}}</a> · {{overlap}}<br>{{message}}</p>{{/conflicts}}
        {{/hasConflicts}}
        <h2>Change history</h2>
        {{#hasHistory}}
        <table><thead><tr><th>#</th><th>Field</th><th>Before</th><th>After</th><th>Why</th><th>By</th><th>When</th></tr></thead><tbody>
        {{#history}}<tr><td>{{number}}</td><td>{{field}}</td><td class="del">{{oldValue}}</td><td class="add">{{newValue}}</td><td>{{reason}}</td><td>{{by}}</td><td>{{at}}</td></tr>{{/history}}
        </tbody></table>
        {{/hasHistory}}
        {{^hasHistory}}<p class="muted">No history recorded.</p>{{/hasHistory}}
        <h2>Notices</h2>
        {{#hasNotices}}
        <table><thead><tr><th>Group</th><th>Change</th><th>Subject</th><th>Status</th><th>Written</th><th>Delivered</th></tr></thead><tbody>
        {{#notices}}<tr><td>{{stakeholder}}</td><td>{{change}}</td><td>{{subject}}</td><td>{{status}}</td><td>{{createdAt}}</td><td>{{deliveredAt}}</td></tr>{{/notices}}
        </tbody></table>
        {{/hasNotices}}
        {{^hasNotices}}<p class="muted">No notice.</p>{{/hasNotices}}
        {{#canManage}}
        <div class="grid noprint">
        {{#form}}
        <form class="card" method="post" action="/schedule/{{id}}/update">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <h2>Change the event</h2>
        <label for="u-title">Title</label><input type="text" id="u-title" name="title" value="{{title}}" required>
        <label for="u-start">Start ({{timeZone}})</label><input type="datetime-local" id="u-start" name="start" value="{{start}}" required>
        <label for="u-end">End</label><input type="datetime-local" id="u-end" name="end" value="{{end}}" required>
        <label for="u-lines">Lines or areas</label><input type="text" id="u-lines" name="lines" value="{{lines}}">
        <label for="u-owner">Owner</label><select id="u-owner" name="owner">{{#ownerOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/ownerOptions}}</select>
        <label for="u-status">Status</label><select id="u-status" name="status">{{#statusOptions}}<option value="{{value}}">{{label}}</option>{{/statusOptions}}</select>
        <label for="u-stakeholders">Also tell these groups</label><input type="text" id="u-stakeholders" name="stakeholders" value="{{stakeholders}}">
        <label for="u-eco">ECO</label><input type="text" id="u-eco" name="eco" value="{{eco}}">
        <label for="u-documents">Documents</label><input type="text" id="u-documents" name="documents" value="{{documents}}">
        <label for="u-participants">Participants</label><input type="text" id="u-participants" name="participants" value="{{participants}}">
        <label for="u-note">Note</label><input type="text" id="u-note" name="note" value="{{note}}">
        <label for="u-reason">Why it changes (kept in the history and sent in the notices)</label><input type="text" id="u-reason" name="reason" required>
        <p><button type="submit">Save the change</button></p>
        </form>
        {{/form}}
        <form class="card" method="post" action="/schedule/{{id}}/cancel">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <h2>Cancel the event</h2>
        <label for="x-reason">Why</label><input type="text" id="x-reason" name="reason" required>
        <p><button class="danger" type="submit">Cancel the event</button></p>
        </form>
        </div>
        {{/canManage}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
