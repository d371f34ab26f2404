/// The one style sheet, served by Gemba itself at `/static/gemba.css` (no CDN, no scripts).
/// Large touch targets for tablets on the shop floor; print styles drop navigation and forms.
enum Stylesheet {
    static let css = """
    :root { --ink: #1d2430; --muted: #5b6576; --line: #d8dde6; --bg: #f5f7fa; --card: #fff; --accent: #0b5cad;
      --red: #b42318; --red-bg: #fde8e6; --green: #1a7f37; --green-bg: #e5f5ea; --amber: #9a6700; --amber-bg: #fff4d6; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
    a { color: var(--accent); }
    header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .5rem 1rem; background: #14213d; color: #fff; }
    header.top a { color: #fff; text-decoration: none; }
    .brand { font-weight: 700; font-size: 1.2rem; letter-spacing: .04em; }
    .plant { color: #c9d3e6; font-size: .9rem; }
    header.top nav { display: flex; flex-wrap: wrap; gap: .25rem; flex: 1; }
    header.top nav a { padding: .45rem .7rem; border-radius: 6px; }
    header.top nav a[aria-current] { background: #2c3e63; }
    form.logout { display: flex; align-items: center; gap: .5rem; margin: 0; color: #c9d3e6; }
    main { max-width: 1200px; margin: 0 auto; padding: 1rem; }
    h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
    h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin-bottom: 1rem; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 1rem; }
    table { width: 100%; border-collapse: collapse; background: var(--card); }
    th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { font-size: .85rem; color: var(--muted); font-weight: 600; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .muted { color: var(--muted); }
    .badge { display: inline-block; padding: .1rem .5rem; border-radius: 999px; font-size: .8rem; background: #e8ecf3; }
    .late, .red { color: var(--red); font-weight: 600; }
    .badge.late, .badge.red { background: var(--red-bg); }
    .badge.ok, .badge.green { background: var(--green-bg); color: var(--green); }
    .badge.soon { background: var(--amber-bg); color: var(--amber); }
    .flash { padding: .75rem 1rem; border-radius: 6px; background: var(--green-bg); border: 1px solid #b7e1c3; }
    .flash.error { background: var(--red-bg); border-color: #f3b8b2; }
    .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: .75rem; }
    .tile { background: var(--card); border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 8px; padding: .6rem .8rem; }
    .tile.green { border-left-color: var(--green); } .tile.red { border-left-color: var(--red); }
    .tile .value { font-size: 1.5rem; font-weight: 700; }
    .tile .label { font-size: .85rem; color: var(--muted); }
    form.inline { display: inline; }
    label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
    input[type=text], input[type=password], input[type=date], input[type=search], select, textarea {
      width: 100%; max-width: 40rem; font: inherit; padding: .55rem .6rem; border: 1px solid #b9c1cf; border-radius: 6px; background: #fff; }
    textarea { max-width: none; min-height: 18rem; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9rem; }
    button, .button { display: inline-block; font: inherit; font-weight: 600; padding: .55rem 1rem; min-height: 44px; border-radius: 6px;
      border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
    button.secondary, .button.secondary { background: #fff; color: var(--accent); }
    button.danger { background: var(--red); border-color: var(--red); }
    .filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: 1rem; }
    .filters label { margin: 0; font-size: .85rem; }
    .filters input, .filters select { width: auto; }
    .content { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.5rem; }
    pre, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .88rem; }
    pre { white-space: pre-wrap; word-break: break-word; }
    .diff { background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; }
    .diff td { padding: 0 .5rem; border: 0; font-family: ui-monospace, monospace; font-size: .85rem; white-space: pre-wrap; word-break: break-word; }
    .diff .add { background: #e6ffec; } .diff .del { background: #ffebe9; } .diff .hunk { background: #ddf4ff; color: var(--muted); }
    .diff .ln { color: var(--muted); text-align: right; width: 3rem; user-select: none; }
    .manifest { border-left: 4px solid var(--accent); padding: .25rem .75rem; margin: .25rem 0; background: #f0f5fb; }
    .board { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(200px, 1fr); gap: .75rem; overflow-x: auto; }
    .board .column { background: #eef1f6; border-radius: 8px; padding: .5rem; }
    .board .column h3 { font-size: .9rem; margin: .25rem 0 .5rem; }
    .board .card { padding: .5rem .6rem; margin-bottom: .5rem; }
    .calendar { table-layout: fixed; } .calendar td { height: 6rem; font-size: .85rem; }
    .calendar .event { display: block; margin: .15rem 0; padding: .1rem .3rem; border-radius: 4px; background: #e8f0fb; }
    .calendar .event.conflict { background: var(--red-bg); border: 1px solid var(--red); }
    svg.chart { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
    svg.chart .axis { stroke: #8a94a6; stroke-width: 1; } svg.chart .grid { stroke: #e4e8ef; stroke-width: 1; }
    svg.chart .series { fill: none; stroke: var(--accent); stroke-width: 2.5; } svg.chart .target { stroke: var(--red); stroke-width: 1.5; stroke-dasharray: 6 4; }
    svg.chart .bar { fill: var(--accent); } svg.chart .cumulative { fill: none; stroke: var(--amber); stroke-width: 2; }
    svg.chart text { font-size: 12px; fill: #3b4455; }
    footer { max-width: 1200px; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: .8rem; }
    @media (max-width: 700px) { th, td { padding: .4rem; } main { padding: .5rem; } }
    @media print {
      header.top, footer, form, .filters, button, .button, .noprint { display: none !important; }
      body { background: #fff; font-size: 11pt; } main { max-width: none; padding: 0; }
      .card, .content, table { border: 0; } a { color: inherit; text-decoration: none; }
      tr, .tile { break-inside: avoid; } @page { size: A4; margin: 15mm; }
    }
    /* Operations pages (briefing, meetings, actions, KPIs, schedule) */
    svg.chart .point { fill: var(--accent); } svg.chart .cumulative-point { fill: var(--amber); }
    svg.chart .chart-title { font-size: 14px; font-weight: 600; fill: var(--ink); } svg.chart .target-label { fill: var(--red); font-size: 11px; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 1rem; }
    figure.chart-figure { margin: 0; } figure.chart-figure.wide { max-width: 760px; }
    table.kpi td.green { color: var(--green); font-weight: 600; } table.kpi td.red { color: var(--red); font-weight: 600; }
    .briefing table { margin-bottom: .5rem; font-size: .9rem; } .briefing th, .briefing td { padding: .25rem .4rem; }
    .briefing tr.green, .briefing tr.red { color: inherit; font-weight: inherit; }
    .briefing tr.green td:last-child { background: var(--green-bg); color: var(--green); font-weight: 600; }
    .briefing tr.red td:last-child { background: var(--red-bg); color: var(--red); font-weight: 600; } .briefing .more { font-style: italic; color: var(--muted); }
    .calendar .daynum { font-weight: 700; color: var(--muted); } .calendar td.today { background: #f0f5fb; } .calendar td.outside { background: var(--bg); }
    .calendar .event { color: var(--ink); text-decoration: none; } .calendar .event .when { font-variant-numeric: tabular-nums; font-weight: 600; }
    .event .overlap { display: block; color: var(--red); font-size: .8rem; } p.event.conflict { padding: .5rem; border-radius: 6px; }
    .event.conflict { background: var(--red-bg); border: 1px solid var(--red); }
    .badge.rating-green { background: var(--green-bg); color: var(--green); } .badge.rating-amber { background: var(--amber-bg); color: var(--amber); }
    .badge.rating-red { background: var(--red-bg); color: var(--red); }
    input[type=datetime-local] { width: 100%; max-width: 40rem; font: inherit; padding: .55rem .6rem; border: 1px solid #b9c1cf; border-radius: 6px; }
    @media print {
      .briefing { font-size: 7.5pt; line-height: 1.25; } .briefing h1 { font-size: 13pt; margin: 0 0 .1rem; }
      .briefing h2 { font-size: 9pt; margin: .5rem 0 .15rem; break-after: avoid; } .briefing p { margin: .1rem 0; }
      .briefing table { font-size: 1em; margin-bottom: .2rem; } .briefing table, .briefing th, .briefing td { border: 1px solid #999; }
      .briefing th, .briefing td { padding: 0 3px; } .briefing th { font-size: 1em; color: inherit; background: #eee; }
      .charts { grid-template-columns: 1fr 1fr; } figure.chart-figure { break-inside: avoid; } svg.chart { border: 0; }
      .calendar td { height: auto; } .calendar .event { break-inside: avoid; }
    }
    /* Training matrix, audits, CAPA, bundles, requests, onboarding. */
    .matrix-wrap { overflow-x: auto; }
    .matrix th, .matrix td { white-space: nowrap; font-size: .85rem; }
    .matrix td.cell { text-align: center; }
    .matrix td.trained { background: var(--green-bg); color: var(--green); }
    .matrix td.due { background: var(--amber-bg); color: var(--amber); }
    .matrix td.overdue { background: var(--red-bg); color: var(--red); font-weight: 600; }
    .matrix td.unassigned { background: #eef1f6; color: var(--muted); }
    .matrix td.none { color: #b9c1cf; }
    textarea.short { min-height: 5rem; font-family: inherit; font-size: inherit; }
    input[type=number] { width: 100%; max-width: 40rem; font: inherit; padding: .55rem .6rem; border: 1px solid #b9c1cf; border-radius: 6px; }
    select[multiple] { min-height: 7rem; }
    fieldset { border: 1px solid var(--line); border-radius: 8px; margin: 1rem 0; }
    details > summary { cursor: pointer; font-weight: 600; padding: .6rem 0; }
    .board .card.late-card { border-left: 4px solid var(--red); }
    ol.stages { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; padding: 0; margin: 0 0 1rem; }
    ol.stages li { padding: .25rem .6rem; border-radius: 999px; background: #e8ecf3; font-size: .85rem; }
    ol.stages li.passed { background: var(--green-bg); color: var(--green); }
    ol.stages li.current { background: var(--accent); color: #fff; font-weight: 600; }
    .whys li { margin: .25rem 0; }
    """
}
