extension PageTemplates {
    static let bundleTemplates: [String: String] = [
        "bundles": """
        {{<layout}}{{$content}}
        {{#page}}
        <h1>Evidence bundle</h1>
        <p>One ZIP archive an auditor reads offline: the documents effective at the end of the as-of day (UTC), their signatures,
        histories, periodic reviews and training completion, for an audit its findings and CAPAs, the audit-trail extract and an
        index, with the hashes to check it (<code>gemba bundle verify</code>). Every build is recorded in the audit trail.</p>
        <form class="card" method="post" action="/bundles">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{path}}">
        <label for="asof">As of (the end of this day, UTC)</label><input type="date" id="asof" name="asof" required value="{{today}}">
        <fieldset><legend>Scope</legend>
        <label><input type="radio" name="scope" value="all"{{#scopeAll}} checked{{/scopeAll}}> Every document effective on the day</label>
        <label><input type="radio" name="scope" value="type"> Documents of these types</label>
        <select id="type" name="type" multiple aria-label="Document types">{{#types}}<option value="{{value}}">{{label}}</option>{{/types}}</select>
        <label><input type="radio" name="scope" value="document"> These documents</label>
        <input type="text" id="documents" name="documents" placeholder="SOP-0007, FORM-0002" aria-label="Document IDs">
        {{#hasAudits}}<label><input type="radio" name="scope" value="audit"{{#scopeAudit}} checked{{/scopeAudit}}> An audit: its documents, findings and CAPAs</label>
        <select id="audit" name="audit" aria-label="Audit">{{#audits}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/audits}}</select>{{/hasAudits}}
        <label><input type="radio" name="scope" value="area"> The documents of these areas or lines</label>
        {{#hasAreas}}<select id="area" name="area" multiple aria-label="Areas">{{#areas}}<option value="{{value}}">{{label}}</option>{{/areas}}</select>{{/hasAreas}}
        {{^hasAreas}}<input type="text" id="area" name="area" placeholder="L1, L2" aria-label="Areas">{{/hasAreas}}
        </fieldset>
        <p><button type="submit">Build and download</button></p>
        <p class="muted">The archive is built on the server and sent as gemba-evidence-DAY.zip; a large register takes a while.</p>
        </form>
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
