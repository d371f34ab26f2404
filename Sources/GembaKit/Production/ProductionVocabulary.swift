/// How a stop counts in the ISO 22400 time model (docs/kpis.md).
public enum DowntimeCategory: String, Sendable, Codable, CaseIterable {
    /// Breaks, planned maintenance, meetings: not planned busy time.
    case planned
    /// Breakdowns: availability loss and a failure for MTBF and MTTR.
    case unplanned
    /// Changeover: availability loss (NEE would not count it).
    case setup
    /// Short stops: availability loss, not a failure.
    case minorStop = "minor_stop"

    /// When stops overlap, the time goes to the first category in this order.
    var precedence: Int {
        switch self {
        case .planned: 0
        case .setup: 1
        case .unplanned: 2
        case .minorStop: 3
        }
    }
}

/// SAP PM system statuses, in the order an order moves through them.
public enum WorkOrderStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case created = "CRTD", released = "REL", partlyConfirmed = "PCNF", confirmed = "CNF"
    case technicallyComplete = "TECO", closed = "CLSD"

    /// Open until technically complete.
    public var isOpen: Bool { self < .technicallyComplete }

    private var rank: Int { WorkOrderStatus.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: WorkOrderStatus, rhs: WorkOrderStatus) -> Bool { lhs.rank < rhs.rank }

    /// The furthest system status in a status line such as `REL  PCNF NMAT PRC`.
    static func latest(in text: String) -> WorkOrderStatus? {
        text.uppercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).compactMap { WorkOrderStatus(rawValue: String($0)) }.max()
    }
}

enum WorkOrderPriority {
    /// SAP PRIOK 1 (very high) to 4 (low); other schemes up to 9.
    static func number(_ text: String) -> Int? {
        if let value = Int(text), (1...9).contains(value) { return value }
        switch text.lowercased().replacingOccurrences(of: "-", with: " ") {
        case "very high", "urgent", "emergency": return 1
        case "high": return 2
        case "medium", "normal": return 3
        case "low": return 4
        default: return nil
        }
    }
}
