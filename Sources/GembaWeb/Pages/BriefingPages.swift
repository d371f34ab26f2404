import Foundation
import GembaKit

/// The morning briefing: the printable page for a production meeting.
extension RouteTable {
    func addBriefingRoutes() {
        get("/briefing", .staff, "The morning briefing of a day (`?date=YYYY-MM-DD`, default today): a page that prints on A4") { request in
            let date = try request.queryDay("date")
            let model = try await request.run { register in BriefingPageModel(try register.briefing(date: date)) }
            return try await request.site.page("briefing", title: "Morning briefing \(model.date)", model, for: request)
        }
    }
}

/// The briefing's tables come from `BriefingRenderer.htmlBody`, the same content the CLI's
/// `gemba briefing --format html` prints, every text escaped there.
struct BriefingPageModel {
    let date: String
    let reportDay: String
    let bodyHTML: String
    let previousHref: String
    let nextHref: String

    init(_ briefing: Briefing) {
        date = briefing.date
        reportDay = briefing.reportDay
        bodyHTML = BriefingRenderer.htmlBody(briefing)
        let day = Day(briefing.date) ?? Day(year: 1970, month: 1, day: 1)
        previousHref = "/briefing?date=\(day.addingDays(-1))"
        nextHref = "/briefing?date=\(day.addingDays(1))"
    }
}
