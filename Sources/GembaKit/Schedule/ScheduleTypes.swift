import Foundation

/// What a schedule event is.
public enum ScheduleKind: String, Codable, Sendable, CaseIterable {
    case maintenanceShutdown = "maintenance_shutdown"
    case engineeringChange = "engineering_change"
    case trainingEvent = "training_event"
    case safetyAudit = "safety_audit"
    case productionChange = "production_change"
    case expedite

    /// The printed name: "maintenance shutdown".
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// `planned -> confirmed -> done`, `planned -> done`, and `planned | confirmed -> cancelled`.
/// `done` and `cancelled` are final.
public enum ScheduleStatus: String, Codable, Sendable, CaseIterable {
    case planned, confirmed, done, cancelled

    public var isFinal: Bool { self == .done || self == .cancelled }

    func allows(_ next: ScheduleStatus) -> Bool {
        switch (self, next) {
        case (.planned, .confirmed), (.planned, .done), (.confirmed, .done), (.planned, .cancelled), (.confirmed, .cancelled): true
        default: false
        }
    }
}

/// What `schedule add` asks for. Times are UTC instants (parse text with `scheduleTime`).
public struct NewScheduleEvent: Sendable {
    public var kind: ScheduleKind
    public var title: String
    public var lines: [String]
    public var start: Date
    public var end: Date
    public var owner: String
    public var status: ScheduleStatus
    /// Stakeholder groups told besides those that follow the kind and lines (notifications.yaml).
    public var stakeholders: [String]
    /// Engineering changes: the ECO number.
    public var eco: String?
    /// Engineering changes: revisions brought into effect (`SOP-0007/C`); training events:
    /// the documents trained (`WI-0003` or `WI-0003/B`).
    public var documents: [String]
    /// Training events: the people taking part.
    public var participants: [String]
    public var note: String?

    public init(
        kind: ScheduleKind, title: String, lines: [String], start: Date, end: Date, owner: String, status: ScheduleStatus = .planned,
        stakeholders: [String] = [], eco: String? = nil, documents: [String] = [], participants: [String] = [], note: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.lines = lines
        self.start = start
        self.end = end
        self.owner = owner
        self.status = status
        self.stakeholders = stakeholders
        self.eco = eco
        self.documents = documents
        self.participants = participants
        self.note = note
    }
}

/// A change by `schedule update`: only the fields given change; the reason is required.
public struct ScheduleEventChange: Sendable {
    public var title: String?
    public var lines: [String]?
    public var start: Date?
    public var end: Date?
    public var owner: String?
    public var status: ScheduleStatus?
    public var stakeholders: [String]?
    public var eco: String?
    public var documents: [String]?
    public var participants: [String]?
    public var note: String?

    public init(
        title: String? = nil, lines: [String]? = nil, start: Date? = nil, end: Date? = nil, owner: String? = nil, status: ScheduleStatus? = nil,
        stakeholders: [String]? = nil, eco: String? = nil, documents: [String]? = nil, participants: [String]? = nil, note: String? = nil
    ) {
        self.title = title
        self.lines = lines
        self.start = start
        self.end = end
        self.owner = owner
        self.status = status
        self.stakeholders = stakeholders
        self.eco = eco
        self.documents = documents
        self.participants = participants
        self.note = note
    }
}

/// Which events `scheduleEvents` returns: those overlapping [from, to) on a line, of a kind.
public struct ScheduleQuery: Sendable {
    public var line: String?
    public var from: Date?
    public var to: Date?
    public var kind: ScheduleKind?
    /// A stakeholder group: events it is told about (named on the event, or following it by policy).
    public var stakeholder: String?
    public var includeCancelled: Bool

    public init(line: String? = nil, from: Date? = nil, to: Date? = nil, kind: ScheduleKind? = nil, stakeholder: String? = nil, includeCancelled: Bool = true) {
        self.line = line
        self.from = from
        self.to = to
        self.kind = kind
        self.stakeholder = stakeholder
        self.includeCancelled = includeCancelled
    }
}
