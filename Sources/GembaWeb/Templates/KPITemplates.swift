extension PageTemplates {
    static let kpiTemplates: [String: String] = [
        "kpi": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>KPIs · {{lineLabel}} <span class="muted">{{from}} to {{to}}</span></h1>
        <form class="filters" method="get" action="/kpi">
        <div><label for="line">Line</label><select id="line" name="line">{{#lineOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/lineOptions}}</select></div>
        <div><label for="from">From</label><input type="date" id="from" name="from" value="{{from}}"></div>
        <div><label for="to">To</label><input type="date" id="to" name="to" value="{{to}}"></div>
        <div><label for="by">By</label><select id="by" name="by">{{#byOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/byOptions}}</select></div>
        <div><button type="submit">Show</button></div>
        <div><a class="button secondary" href="{{csvHref}}">Download CSV</a></div>
        </form>
        <p class="muted">Plant-local days ({{timeZone}}). The dashed line is the target of the line's board in force on each period's last day; a gap in a line is a period without data.</p>
        <div class="charts">
        {{#charts}}<figure class="chart-figure">{{{svg}}}</figure>{{/charts}}
        </div>
        <h2>Downtime Pareto <span class="muted">{{downtimeMinutes}} min</span></h2>
        <figure class="chart-figure wide">{{{paretoSVG}}}</figure>
        {{#hasPareto}}
        <table><thead><tr><th>Reason</th><th>Category</th><th class="num">Minutes</th><th class="num">Stops</th><th class="num">Share</th><th class="num">Cumulative</th></tr></thead><tbody>
        {{#pareto}}<tr><td>{{name}}</td><td>{{category}}</td><td class="num">{{minutes}}</td><td class="num">{{stops}}</td><td class="num">{{share}}</td><td class="num">{{cumulative}}</td></tr>{{/pareto}}
        </tbody></table>
        {{/hasPareto}}
        <h2>Figures</h2>
        {{#hasRows}}
        <table class="kpi"><thead><tr><th>Period</th>{{#headers}}<th class="num">{{.}}</th>{{/headers}}</tr></thead><tbody>
        {{#rows}}<tr><td>{{period}}</td>{{#cells}}<td class="num {{mark}}">{{text}}</td>{{/cells}}</tr>{{/rows}}
        </tbody></table>
        <p class="muted">Green meets, red misses the board's target; no colour without a target.</p>
        {{/hasRows}}
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
