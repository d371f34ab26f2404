extension PageTemplates {
    static let briefingTemplates: [String: String] = [
        "briefing": """
        {{<layout}}{{$content}}
        {{#page}}
        <form class="filters noprint" method="get" action="/briefing">
        <div><a class="button secondary" href="{{previousHref}}">← Day before</a></div>
        <div><label for="date">Meeting day</label><input type="date" id="date" name="date" value="{{date}}"></div>
        <div><button type="submit">Show</button></div>
        <div><a class="button secondary" href="{{nextHref}}">Day after →</a></div>
        </form>
        <p class="muted noprint">Figures of {{reportDay}}, the day before the meeting. Print this page (A4) for the board; navigation and forms are left out of print.</p>
        <article class="briefing">
        {{{bodyHTML}}}
        </article>
        {{/page}}
        {{/content}}{{/layout}}
        """,
    ]
}
