extension PageTemplates {
    static let trainingTemplates: [String: String] = [
        "training": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Training of {{personName}}</h1>
        <p class="noprint"><a class="button secondary" href="/training/matrix">Training matrix</a></p>
        <h2>To read and sign <span class="badge{{#hasOpen}} soon{{/hasOpen}}">{{count(open)}}</span></h2>
        {{#hasOpen}}
        {{#open}}
        <div class="card">
        <h3><a href="{{documentHref}}">{{document}} rev {{revision}}</a> {{title}}</h3>
        <p><span class="badge">{{revisionStatus}}</span>{{#effectiveDate}} effective {{effectiveDate}}{{/effectiveDate}} · due {{dueDate}} <span{{#late}} class="late"{{/late}}>({{dueText}})</span> · {{reason}}</p>
        {{#canSign}}
        <form class="noprint" method="post" action="{{signHref}}">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <input type="hidden" name="revision" value="{{revision}}"><input type="hidden" name="meaning" value="{{meaning}}">
        <p>Meaning of your signature: <strong>{{meaning}}</strong></p>
        <label><input type="checkbox" name="confirm" value="yes" required> I have read {{document}} rev {{revision}} and understood it.</label>
        <label for="password-{{formKey}}">Password (asked at every signature)</label><input type="password" id="password-{{formKey}}" name="password" autocomplete="current-password" required>
        <p><button type="submit">Sign as {{meaning}}</button></p>
        </form>
        {{/canSign}}
        </div>
        {{/open}}
        {{/hasOpen}}
        {{^hasOpen}}<p class="card">Nothing to read and sign.</p>{{/hasOpen}}
        <h2>My certifications</h2>
        {{#hasCertificates}}
        <table><thead><tr><th>Certificate</th><th>Issued</th><th>Valid until</th><th>Status</th><th>Reference</th></tr></thead><tbody>
        {{#certificates}}<tr><td>{{kindName}} ({{kind}})</td><td>{{issuedOn}}</td><td>{{expiresOn}}</td><td><span class="badge {{statusClass}}">{{status}}</span></td><td>{{reference}}</td></tr>{{/certificates}}
        </tbody></table>
        {{/hasCertificates}}
        {{^hasCertificates}}<p class="card">No certificate is recorded for you.</p>{{/hasCertificates}}
        <h2>Signed</h2>
        {{#hasSigned}}
        <table><thead><tr><th>Document</th><th>Title</th><th>Signature</th></tr></thead><tbody>
        {{#signed}}<tr><td><a href="{{documentHref}}">{{document}} rev {{revision}}</a></td><td>{{title}}</td><td class="manifest">{{manifestation}}{{^verified}} <span class="badge late">signed content no longer matches</span>{{/verified}}</td></tr>{{/signed}}
        </tbody></table>
        {{/hasSigned}}
        {{^hasSigned}}<p class="card">You have signed no training yet.</p>{{/hasSigned}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "training-matrix": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Training matrix on {{date}}{{#scope}} ({{scope}}){{/scope}}</h1>
        <form class="filters" method="get" action="/training/matrix">
        <div><label for="role">Role</label><select id="role" name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select></div>
        <div><label for="area">Area</label><select id="area" name="area">{{#areas}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/areas}}</select></div>
        <div><button type="submit">Filter</button></div>
        <div><a class="button secondary" href="{{downloadHref}}">Download CSV</a></div>
        </form>
        <p><span class="badge ok">trained {{trained}}</span> <span class="badge soon">due {{due}}</span> <span class="badge late">overdue {{overdue}}</span> <span class="badge">not assigned {{unassigned}}</span> · a dot: need not read it</p>
        {{#hasRows}}
        <div class="matrix-wrap">
        <table class="matrix"><thead><tr><th>Person</th>{{#columns}}<th><a href="{{href}}">{{id}}</a><div class="muted">rev {{revision}}</div></th>{{/columns}}</tr></thead><tbody>
        {{#rows}}<tr><th>{{name}}<div class="muted">{{username}} · {{personRoles}}{{#personAreas}} · {{personAreas}}{{/personAreas}}</div></th>{{#cells}}<td class="cell {{status}}">{{text}}{{#detail}}<div class="muted">{{detail}}</div>{{/detail}}</td>{{/cells}}</tr>{{/rows}}
        </tbody></table>
        </div>
        {{/hasRows}}
        {{^hasRows}}<p class="card">Nobody here must read an effective document.</p>{{/hasRows}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
