import Foundation
import GembaKit
import Hummingbird

/// The dashboard: what is late and due, yesterday's KPI tiles against target, open quality holds.
extension RouteTable {
    func addDashboardRoutes() {
        get("/", .signedIn, "Dashboard: late and due items, KPI tiles against target, open quality holds") { request in
            let visitor = try request.visitor
            let mineOnly = request.query("mine") == "1"
            let showAll = request.query("all") == "1"
            let site = request.site
            let pageKey = request.cacheKey("dashboard", mineOnly ? "mine" : "everyone", showAll ? "all" : "first")
            if let kept = await site.keptPage(pageKey, for: request) { return kept }
            let (shared, inbox, training, key) = try await site.dashboard.view(site: site, visitor: visitor, stamp: request.context.changeStamp)
            let body = try await site.dashboard.body(for: mineOnly ? visitor.person.username : nil, all: showAll, key: key) {
                let model = DashboardModel(shared, visitor: visitor, mineOnly: mineOnly, showAll: showAll)
                guard let html = site.templates.render(TemplateContext.make(model), withTemplate: "dashboard-body") else {
                    throw WebError(status: .internalServerError, message: "the dashboard template is missing")
                }
                return html
            }
            let page = DashboardPage(today: shared.today, mineOnly: mineOnly, inboxCount: inbox.nonZero, myTrainingCount: training.nonZero, bodyHTML: body)
            return try await site.page("dashboard", title: "Dashboard", page, for: request, keepAs: pageKey)
        }
    }
}

struct LateItemRow {
    let kind: String
    let reference: String
    let href: String?
    let title: String
    let owner: String?
    let dueDate: String
    let daysText: String
    let overdue: Bool
    let mine: Bool

    init(_ item: LateItem, me: String) {
        kind = item.kind.replacingOccurrences(of: "-", with: " ")
        reference = item.reference
        href = LateItemRow.link(for: item)
        title = item.title
        owner = item.owner
        dueDate = item.dueDate
        overdue = item.daysOverdue > 0
        daysText = item.daysOverdue > 0 ? "\(item.daysOverdue) d late" : item.daysOverdue == 0 ? "today" : "in \(-item.daysOverdue) d"
        mine = item.owner == me
    }

    /// The page where the item is dealt with.
    static func link(for item: LateItem) -> String? {
        let head = String(item.reference.split(separator: " ").first ?? "")
        switch item.kind {
        case "periodic-review", "review-step": return "/documents/\(head.urlPathEncoded)"
        case "training", "certification": return "/training"
        case let kind where kind.hasPrefix("capa") || kind == "effectiveness-check":
            // `CAPA-2026-004/A2`: the CAPA's page, at the action's row.
            let parts = head.split(separator: "/").map(String.init)
            return "/capa/\((parts.first ?? "").urlPathEncoded)" + (parts.count > 1 ? "#\(parts[1].urlPathEncoded)" : "")
        case "action": return "/actions/\(head.urlPathEncoded)"
        case "request": return "/requests/\(head.urlPathEncoded)"
        case let kind where kind.hasPrefix("schedule") || kind.hasPrefix("notice"): return "/schedule"
        default: return nil
        }
    }
}

/// The part of the dashboard that is the same for everyone: computed once per change of the
/// register (its change stamp) and hour, and shared by every request until then.
struct DashboardShared: Sendable {
    struct Tile: Sendable {
        let line: String
        let kpi: String
        let value: String
        let target: String?
        let status: String
    }

    struct Hold: Sendable {
        let line: String
        let product: String
        let lot: String
        let quantity: String
        let reason: String
        let openedAt: String
    }

    let today: String
    let items: [LateItem]
    let dueSoonDays: Int
    let hasPlant: Bool
    let tilesDay: String?
    let tiles: [Tile]
    let holds: [Hold]

    init(_ register: Register) throws {
        let days = register.policies.settings.dueSoonDays
        let status = try register.status(withinDays: days)
        today = status.asOf
        items = status.items
        dueSoonDays = days
        if (try? register.plantPolicy()) != nil {
            hasPlant = true
            let briefing = try register.briefing()
            tilesDay = briefing.reportDay
            tiles = briefing.tiles.map { tile in
                Tile(line: tile.line, kpi: tile.kpi.uppercased(), value: BriefingRenderer.value(tile.kpi, tile.value),
                     target: tile.target.map { "\(tile.direction == "lower_is_better" ? "≤" : "≥") " + BriefingRenderer.value(tile.kpi, $0) },
                     status: tile.status.rawValue)
            }
            holds = try register.openQualityHolds().map { hold in
                Hold(line: hold.line, product: hold.product, lot: hold.lot, quantity: BriefingRenderer.qty(hold.quantity), reason: hold.reason,
                     openedAt: readableTime(hold.openedAt))
            }
        } else {
            hasPlant = false
            tilesDay = nil
            tiles = []
            holds = []
        }
    }
}

/// Computes the shared dashboard once per register change and hour, however many requests ask
/// at the same time; each person's counts (review steps, training) are kept under the same key.
actor DashboardCache {
    private var key: String?
    private var task: Task<DashboardShared, any Error>?
    private var personal: [String: (inbox: Int, training: Int)] = [:]
    /// Rendered bodies under the current key: everyone's (key "") and each person's "mine only".
    private var bodies: [String: String] = [:]

    /// The rendered body for everyone (nil) or one person's own items, with the first rows or
    /// all of them, made once per key.
    func body(for person: String?, all: Bool, key: String, make: () throws -> String) throws -> String {
        let name = (all ? "all:" : "first:") + (person ?? "")
        if key == self.key, let body = bodies[name] { return body }
        let body = try make()
        if key == self.key { bodies[name] = body }
        return body
    }

    func view(site: WebSite, visitor: SignedInPerson, stamp: Int64?) async throws -> (DashboardShared, inbox: Int, training: Int, key: String) {
        let stamp = if let known = stamp { known } else { try await site.run { register in try register.changeStamp() } }
        let key = "\(stamp)@\(Timestamp.string(site.now()).prefix(13))"
        if key != self.key {
            self.key = key
            personal = [:]
            bodies = [:]
            task = Task { try await site.run { register in try DashboardShared(register) } }
        }
        guard let task else { throw WebError(status: .internalServerError, message: "the dashboard could not be computed") }
        let shared: DashboardShared
        do {
            shared = try await task.value
        } catch {
            if self.key == key { self.key = nil }
            throw error
        }
        let me = visitor.person.username
        if visitor.isAssessor { return (shared, 0, 0, key) }
        if let counts = personal[me] { return (shared, counts.inbox, counts.training, key) }
        let counts = try await site.run { register in
            (try register.inbox(for: me).count, try register.trainingAssignments(for: me).count)
        }
        if self.key == key { personal[me] = counts }
        return (shared, counts.0, counts.1, key)
    }
}

/// The page around the cached body: what differs per person and per request.
struct DashboardPage {
    let today: String
    let mineOnly: Bool
    /// nil when zero, so that the template's section shows only when there is something.
    let inboxCount: Int?
    let myTrainingCount: Int?
    let bodyHTML: String
}

/// The body of the dashboard: the same for everyone, or for one person's own items.
struct DashboardModel {
    struct KindCount {
        let kind: String
        let overdue: Int
        let dueSoon: Int
        let late: Bool
    }

    let today: String
    let mineOnly: Bool
    let kinds: [KindCount]
    /// The most urgent rows first; with many (a large register) only the first `firstRows`,
    /// with a link to all of them.
    let overdue: [LateItemRow]
    let dueSoon: [LateItemRow]
    let overdueTotal: Int
    let dueSoonTotal: Int
    /// How many rows are not shown (nil when all are), and the link that shows them.
    let overdueHidden: Int?
    let dueSoonHidden: Int?
    let allHref: String
    let dueSoonDays: Int
    let tilesDay: String?
    let tiles: [DashboardShared.Tile]
    let holds: [DashboardShared.Hold]
    let hasPlant: Bool
    // Stored, not computed: templates see stored properties only (Mirror).
    let hasOverdue: Bool
    let hasDueSoon: Bool
    let hasHolds: Bool

    static let firstRows = 100

    init(_ shared: DashboardShared, visitor: SignedInPerson, mineOnly: Bool, showAll: Bool) {
        let me = visitor.person.username
        let rows = shared.items.map { LateItemRow($0, me: me) }.filter { !mineOnly || $0.mine }
        today = shared.today
        self.mineOnly = mineOnly
        let allOverdue = rows.filter(\.overdue)
        let allDueSoon = rows.filter { !$0.overdue }
        let limit = showAll ? Int.max : Self.firstRows
        overdue = Array(allOverdue.prefix(limit))
        dueSoon = Array(allDueSoon.prefix(limit))
        overdueTotal = allOverdue.count
        dueSoonTotal = allDueSoon.count
        overdueHidden = (allOverdue.count - overdue.count).nonZero
        dueSoonHidden = (allDueSoon.count - dueSoon.count).nonZero
        allHref = mineOnly ? "/?mine=1&all=1" : "/?all=1"
        var kinds: [String: (Int, Int)] = [:]
        for row in rows { kinds[row.kind, default: (0, 0)].0 += row.overdue ? 1 : 0; kinds[row.kind, default: (0, 0)].1 += row.overdue ? 0 : 1 }
        self.kinds = kinds.sorted { ($1.value.0, $0.key) < ($0.value.0, $1.key) }.map { KindCount(kind: $0.key, overdue: $0.value.0, dueSoon: $0.value.1, late: $0.value.0 > 0) }
        dueSoonDays = shared.dueSoonDays
        hasPlant = shared.hasPlant
        tilesDay = shared.tilesDay
        tiles = shared.tiles
        holds = shared.holds
        hasOverdue = !overdue.isEmpty
        hasDueSoon = !dueSoon.isEmpty
        hasHolds = !holds.isEmpty
    }
}

extension Int {
    /// nil for zero: Mustache renders a section for any number, so counts that hide use this.
    var nonZero: Int? { self == 0 ? nil : self }
}

extension String {
    /// Safe as one segment of a URL path.
    var urlPathEncoded: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}
