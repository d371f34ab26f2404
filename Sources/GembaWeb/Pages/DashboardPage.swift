import Foundation
import GembaKit
import Hummingbird

/// The dashboard: what is late and due, yesterday's KPI tiles against target, open quality holds.
extension RouteTable {
    func addDashboardRoutes() {
        get("/", .signedIn, "Dashboard: late and due items, KPI tiles against target, open quality holds") { request in
            let visitor = try request.visitor
            let mineOnly = request.query("mine") == "1"
            let model = try await request.run { register in
                try DashboardModel(register, visitor: visitor, mineOnly: mineOnly)
            }
            return try await request.site.page("dashboard", title: "Dashboard", model, for: request)
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
            return "/capa/\(String(head.split(separator: "/").first ?? "").urlPathEncoded)"
        case "action": return "/actions/\(head.urlPathEncoded)"
        case "request": return "/requests/\(head.urlPathEncoded)"
        case let kind where kind.hasPrefix("schedule") || kind.hasPrefix("notice"): return "/schedule"
        default: return nil
        }
    }
}

struct DashboardModel {
    struct Tile {
        let line: String
        let kpi: String
        let value: String
        let target: String?
        let status: String
    }

    struct Hold {
        let line: String
        let product: String
        let lot: String
        let quantity: String
        let reason: String
        let openedAt: String
    }

    let today: String
    let mineOnly: Bool
    let overdue: [LateItemRow]
    let dueSoon: [LateItemRow]
    let dueSoonDays: Int
    /// nil when zero, so that the template's section shows only when there is something.
    let inboxCount: Int?
    let myTrainingCount: Int?
    // Stored, not computed: templates see stored properties only (Mirror).
    let hasOverdue: Bool
    let hasDueSoon: Bool
    let hasHolds: Bool
    let tilesDay: String?
    let tiles: [Tile]
    let holds: [Hold]
    let hasPlant: Bool

    init(_ register: Register, visitor: SignedInPerson, mineOnly: Bool) throws {
        let me = visitor.person.username
        let days = register.policies.settings.dueSoonDays
        let status = try register.status(withinDays: days)
        let rows = status.items.map { LateItemRow($0, me: me) }.filter { !mineOnly || $0.mine }
        today = status.asOf
        self.mineOnly = mineOnly
        overdue = rows.filter(\.overdue)
        dueSoon = rows.filter { !$0.overdue }
        dueSoonDays = days
        hasOverdue = !overdue.isEmpty
        hasDueSoon = !dueSoon.isEmpty
        inboxCount = visitor.isAssessor ? nil : try register.inbox(for: me).count.nonZero
        myTrainingCount = visitor.isAssessor ? nil : try register.trainingAssignments(for: me).count.nonZero
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
                     openedAt: hold.openedAt.replacingOccurrences(of: "T", with: " "))
            }
        } else {
            hasPlant = false
            tilesDay = nil
            tiles = []
            holds = []
        }
        hasHolds = !holds.isEmpty
    }
}

extension String {
    /// Safe as one segment of a URL path.
    var urlPathEncoded: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}

extension Int {
    /// nil for zero: Mustache renders a section for any number, so counts that hide use this.
    var nonZero: Int? { self == 0 ? nil : self }
}
