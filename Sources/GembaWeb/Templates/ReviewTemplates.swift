extension PageTemplates {
    static let reviewTemplates: [String: String] = [
        "reviews": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Reviews</h1>
        <h2>Waiting for my signature <span class="badge">{{count(inbox)}}</span></h2>
        {{#hasInbox}}
        <table><thead><tr><th>Review</th><th>Document</th><th>Rev</th><th>Kind</th><th>Step</th><th>Due</th><th>Signed</th></tr></thead><tbody>
        {{#inbox}}<tr><td><a href="{{href}}">Open #{{id}}</a></td><td>{{document}} {{title}}</td><td>{{revision}}</td><td>{{kind}}</td><td>{{step}} ({{role}})</td><td{{#late}} class="late"{{/late}}>{{due}}</td><td>{{progress}}</td></tr>{{/inbox}}
        </tbody></table>
        {{/hasInbox}}
        {{^hasInbox}}<p class="card">Nothing waits for your signature.</p>{{/hasInbox}}
        <h2>All open reviews <span class="badge">{{count(open)}}</span></h2>
        {{#hasOpen}}
        <table><thead><tr><th>Review</th><th>Document</th><th>Rev</th><th>Kind</th><th>Step</th><th>Due</th><th>Signed</th></tr></thead><tbody>
        {{#open}}<tr><td><a href="{{href}}">#{{id}}</a></td><td>{{document}} {{title}}</td><td>{{revision}}</td><td>{{kind}}</td><td>{{step}} ({{role}})</td><td{{#late}} class="late"{{/late}}>{{due}}</td><td>{{progress}}</td></tr>{{/open}}
        </tbody></table>
        {{/hasOpen}}
        {{^hasOpen}}<p class="card">No review is open.</p>{{/hasOpen}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "review": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Review #{{id}}: <a href="{{documentHref}}">{{document}}</a> rev {{revision}}</h1>
        <div class="grid">
        <div class="card">
        <p>{{title}}</p>
        <p><span class="badge">{{kind}}</span> <span class="badge">{{status}}</span>{{#outcome}} <span class="badge">{{outcome}}</span>{{/outcome}}</p>
        <p>Route {{route}}{{#step}}; current step <strong>{{step}}</strong> ({{stepRole}}), {{progress}} signatures, due {{stepDue}}{{/step}}</p>
        <p class="muted">Started {{startedAt}} by {{startedBy}}. Pinned content: commit {{pinnedCommit}}; any edit to the draft voids this review.</p>
        {{#comment}}<p>Comment: {{comment}}</p>{{/comment}}
        {{#diffHref}}<p><a href="{{diffHref}}">What changed from the previous revision</a></p>{{/diffHref}}
        <p><a href="{{downloadHref}}">Download {{mainFile}}</a></p>
        </div>
        <div class="card noprint">
        {{#canSign}}
        <h2>Sign step “{{step}}”</h2>
        <form method="post" action="/reviews/{{id}}/sign">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}"><input type="hidden" name="meaning" value="{{meaning}}">
        <p>Meaning of your signature: <strong>{{meaning}}</strong></p>
        <label><input type="checkbox" name="confirm" value="yes" required> I have read revision {{revision}} as pinned and sign it as <em>{{meaning}}</em>.</label>
        <label for="sign-comment">Comment (optional)</label><input type="text" id="sign-comment" name="comment">
        <label for="sign-password">Password (asked at every signature)</label><input type="password" id="sign-password" name="password" autocomplete="current-password" required>
        <p><button type="submit">Sign as {{meaning}}</button></p>
        </form>
        <h2>Or reject</h2>
        <form method="post" action="/reviews/{{id}}/reject">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="reject-comment">Why (sent back to the author)</label><input type="text" id="reject-comment" name="comment" required>
        <label for="reject-password">Password</label><input type="password" id="reject-password" name="password" autocomplete="current-password" required>
        <p><button class="danger" type="submit">Reject to draft</button></p>
        </form>
        {{/canSign}}
        {{#signRefusal}}<p>{{signRefusal}}</p>{{/signRefusal}}
        {{#canConclude}}
        <h2>Conclude the periodic review</h2>
        <form method="post" action="/reviews/{{id}}/conclude">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="outcome">Outcome</label><select id="outcome" name="outcome"><option value="revise">revise (open a new draft)</option><option value="retire">retire (ask to make obsolete)</option></select>
        <label for="conclude-reason">Reason</label><input type="text" id="conclude-reason" name="reason" required>
        <p><button class="secondary" type="submit">Conclude</button></p>
        <p class="muted">“No change” is concluded by signing the route above.</p>
        </form>
        {{/canConclude}}
        </div>
        </div>
        <h2>Signatures</h2>
        {{#signatures}}<p class="manifest">{{manifestation}}{{#step}} · step {{step}}{{/step}}{{#comment}} · “{{comment}}”{{/comment}}{{^verified}} <span class="badge late">signed content no longer matches</span>{{/verified}}</p>{{/signatures}}
        {{^signatures}}<p class="card">No signature yet.</p>{{/signatures}}
        <h2>Content under review</h2>
        {{#contentHTML}}<article class="content">{{{contentHTML}}}</article>{{/contentHTML}}
        {{^contentHTML}}<p class="card">{{mainFile}} is not text; download it to read it.</p>{{/contentHTML}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
