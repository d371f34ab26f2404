extension PageTemplates {
    static let dashboardTemplates: [String: String] = [
        "dashboard": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Dashboard <span class="muted">{{today}}</span></h1>
        <p class="filters noprint">
        {{#mineOnly}}<a class="button secondary" href="/">Show everyone's items</a>{{/mineOnly}}
        {{^mineOnly}}<a class="button secondary" href="/?mine=1">Show only mine</a>{{/mineOnly}}
        {{#inboxCount}}<a class="button" href="/reviews">{{inboxCount}} review step(s) wait for you</a>{{/inboxCount}}
        {{#myTrainingCount}}<a class="button" href="/training">{{myTrainingCount}} document(s) to read and sign</a>{{/myTrainingCount}}
        </p>
        {{{bodyHTML}}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
        // The part that is the same for everyone who looks at the same items: rendered once per
        // register change (DashboardCache) and put into the page as HTML built from escaped values.
        "dashboard-body": """
        {{#hasOverdue}}<div class="tiles">{{#kinds}}<div class="tile{{#late}} red{{/late}}"><div class="label">{{kind}}</div><div class="value">{{overdue}}</div><div class="label">late · {{dueSoon}} due soon</div></div>{{/kinds}}</div>{{/hasOverdue}}
        {{#hasPlant}}
        <section>
        <h2>KPIs of {{tilesDay}} against target</h2>
        <div class="tiles">
        {{#tiles}}<div class="tile {{status}}"><div class="label">{{line}} · {{kpi}}</div><div class="value">{{value}}</div><div class="label">{{#target}}target {{target}}{{/target}}{{^target}}no target{{/target}}</div></div>{{/tiles}}
        </div>
        <p class="noprint"><a href="/kpi">KPI trends and Pareto</a> · <a href="/briefing">Morning briefing</a></p>
        </section>
        <section>
        <h2>Open quality holds <span class="badge">{{count(holds)}}</span></h2>
        {{#hasHolds}}
        <table><thead><tr><th>Line</th><th>Product</th><th>Lot</th><th class="num">Quantity</th><th>Reason</th><th>Since</th></tr></thead><tbody>
        {{#holds}}<tr><td>{{line}}</td><td>{{product}}</td><td>{{lot}}</td><td class="num">{{quantity}}</td><td>{{reason}}</td><td>{{openedAt}}</td></tr>{{/holds}}
        </tbody></table>
        {{/hasHolds}}
        {{^holds}}<p class="card">No lot is on hold.</p>{{/holds}}
        </section>
        {{/hasPlant}}
        <section>
        <h2>Overdue <span class="badge late">{{overdueTotal}}</span></h2>
        {{#hasOverdue}}
        <table><thead><tr><th>What</th><th>Reference</th><th>Title</th><th>Owner</th><th>Due</th><th></th></tr></thead><tbody>
        {{#overdue}}<tr><td>{{kind}}</td><td>{{#href}}<a href="{{href}}">{{reference}}</a>{{/href}}{{^href}}{{reference}}{{/href}}</td><td>{{title}}</td><td>{{owner}}</td><td>{{dueDate}}</td><td class="late">{{daysText}}</td></tr>{{/overdue}}
        </tbody></table>
        {{#overdueHidden}}<p class="noprint"><a href="{{allHref}}">Show all {{overdueTotal}} (the {{overdueHidden}} less late are not shown)</a></p>{{/overdueHidden}}
        {{/hasOverdue}}
        {{^overdue}}<p class="card">Nothing is overdue.</p>{{/overdue}}
        </section>
        <section>
        <h2>Due within {{dueSoonDays}} days <span class="badge soon">{{dueSoonTotal}}</span></h2>
        {{#hasDueSoon}}
        <table><thead><tr><th>What</th><th>Reference</th><th>Title</th><th>Owner</th><th>Due</th><th></th></tr></thead><tbody>
        {{#dueSoon}}<tr><td>{{kind}}</td><td>{{#href}}<a href="{{href}}">{{reference}}</a>{{/href}}{{^href}}{{reference}}{{/href}}</td><td>{{title}}</td><td>{{owner}}</td><td>{{dueDate}}</td><td>{{daysText}}</td></tr>{{/dueSoon}}
        </tbody></table>
        {{#dueSoonHidden}}<p class="noprint"><a href="{{allHref}}">Show all {{dueSoonTotal}} (the {{dueSoonHidden}} due last are not shown)</a></p>{{/dueSoonHidden}}
        {{/hasDueSoon}}
        {{^dueSoon}}<p class="card">Nothing falls due in this window.</p>{{/dueSoon}}
        </section>
        """,
    ]
}
