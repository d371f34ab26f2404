extension PageTemplates {
    static let onboardingTemplates: [String: String] = [
        "onboarding": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Onboarding</h1>
        {{#hasRows}}
        <table><thead><tr><th>Person</th><th>Started</th>{{#partTitles}}<th>{{.}}</th>{{/partTitles}}<th>Late</th></tr></thead><tbody>
        {{#rows}}<tr><td><a href="{{href}}">{{name}}</a> <span class="muted">{{username}}</span></td><td>{{started}}</td>{{#parts}}<td>{{progress}}{{#partLate}} <span class="late">({{partLate}} late)</span>{{/partLate}}</td>{{/parts}}
        <td>{{#complete}}<span class="badge ok">complete</span>{{/complete}}{{^complete}}{{#lateItems}}<span class="badge late">{{lateItems}} late</span>{{/lateItems}}{{^lateItems}}on time{{/lateItems}}{{/complete}}</td></tr>{{/rows}}
        </tbody></table>
        {{/hasRows}}
        {{^hasRows}}<p class="card">No onboarding plan.</p>{{/hasRows}}
        {{#canStart}}
        <form class="card noprint" method="post" action="/onboarding"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <h2>Start or update a plan</h2>
        <p class="muted">The plan comes from the person's roles: required training (policies/training.yaml), certifications and system access requests (policies/requests.yaml), scheduled training events. Again after new roles, it adds what they bring.</p>
        <label for="person">Person</label><select id="person" name="person">{{#people}}<option value="{{value}}">{{label}}</option>{{/people}}</select>
        <p><button type="submit">Build the plan</button></p>
        </form>
        {{/canStart}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        "onboarding-plan": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Onboarding of {{name}}</h1>
        <p>{{username}} · roles {{roles}} · started {{started}}</p>
        <p>{{#complete}}<span class="badge ok">complete</span>{{/complete}}{{^complete}}{{#lateItems}}<span class="badge late">{{lateItems}} item(s) late</span>{{/lateItems}}{{^lateItems}}<span class="badge">in progress, nothing late</span>{{/lateItems}}{{/complete}}</p>
        {{#parts}}
        <h2>{{title}} <span class="badge">{{progress}}</span>{{#partLate}} <span class="badge late">{{partLate}} late</span>{{/partLate}}</h2>
        {{#hasItems}}
        <table><thead><tr><th>Item</th><th>Status</th><th>Reference</th><th>Due</th></tr></thead><tbody>
        {{#items}}<tr><td>{{title}}{{#role}} <span class="muted">({{role}})</span>{{/role}}</td><td><span class="badge {{statusClass}}">{{status}}</span></td>
        <td>{{#referenceHref}}<a href="{{referenceHref}}">{{reference}}</a>{{/referenceHref}}{{^referenceHref}}{{reference}}{{/referenceHref}}</td>
        <td>{{dueDate}}{{#lateText}} <span class="late">{{lateText}}</span>{{/lateText}}</td></tr>{{/items}}
        </tbody></table>
        {{/hasItems}}
        {{^hasItems}}<p class="card muted">Nothing in this part.</p>{{/hasItems}}
        {{/parts}}
        <p class="noprint"><a href="/onboarding">All plans</a></p>
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
