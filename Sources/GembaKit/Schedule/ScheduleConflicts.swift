import Foundation

/// Two events that should not happen at the same time.
public struct ScheduleConflict: Codable, Sendable, Equatable {
    public enum Rule: String, Codable, Sendable, CaseIterable {
        /// Two maintenance shutdowns of the same line overlap.
        case shutdownOverlap = "shutdown_overlap"
        /// Production (a production change or an expedite) is scheduled on a line that is down.
        case productionDuringShutdown = "production_during_shutdown"
        /// People taking part in a training event work on a line that is down.
        case trainingDuringShutdown = "training_during_shutdown"
        /// An engineering change goes live while its line is down.
        case changeDuringShutdown = "change_during_shutdown"
        /// A safety audit falls in a shutdown window of its line.
        case auditDuringShutdown = "audit_during_shutdown"
    }

    public let rule: Rule
    /// The shutdown.
    public let shutdown: String
    /// The event that overlaps it.
    public let other: String
    public let lines: [String]
    /// Training events: the participants who work on the lines that are down.
    public let people: [String]
    public let overlapStart: String
    public let overlapEnd: String
    public let overlapMinutes: Int
    public let message: String
}

enum ConflictFinder {
    /// Every conflict among the events: cancelled events never conflict, and events that only
    /// touch (one ends when the other starts) do not overlap.
    static func conflicts(_ events: [ScheduleEventView], areas: [String: [String]]) -> [ScheduleConflict] {
        let live = events.filter { $0.status != .cancelled }
        var found: [ScheduleConflict] = []
        for shutdown in live where shutdown.kind == .maintenanceShutdown {
            for other in live where other.id != shutdown.id {
                let start = max(shutdown.startDate, other.startDate)
                let end = min(shutdown.endDate, other.endDate)
                guard end > start else { continue }
                let shared = Set(shutdown.lines).intersection(other.lines).sorted()
                var people: [String] = []
                let rule: ScheduleConflict.Rule
                switch other.kind {
                case .maintenanceShutdown:
                    guard !shared.isEmpty, shutdown.id < other.id else { continue }
                    rule = .shutdownOverlap
                case .productionChange, .expedite:
                    guard !shared.isEmpty else { continue }
                    rule = .productionDuringShutdown
                case .engineeringChange:
                    guard !shared.isEmpty else { continue }
                    rule = .changeDuringShutdown
                case .safetyAudit:
                    guard !shared.isEmpty else { continue }
                    rule = .auditDuringShutdown
                case .trainingEvent:
                    people = other.links.participants.filter { !Set(areas[$0] ?? []).isDisjoint(with: shutdown.lines) }
                    guard !people.isEmpty else { continue }
                    rule = .trainingDuringShutdown
                }
                let lines = rule == .trainingDuringShutdown
                    ? Set(people.flatMap { areas[$0] ?? [] }).intersection(shutdown.lines).sorted() : shared
                let minutes = Int(end.timeIntervalSince(start) / 60)
                found.append(ScheduleConflict(
                    rule: rule, shutdown: shutdown.id, other: other.id, lines: lines, people: people, overlapStart: Timestamp.string(start),
                    overlapEnd: Timestamp.string(end), overlapMinutes: minutes,
                    message: message(rule, shutdown, other, lines: lines, people: people, minutes: minutes, start: start, end: end)))
            }
        }
        return found.sorted { ($0.overlapStart, $0.shutdown, $0.other) < ($1.overlapStart, $1.shutdown, $1.other) }
    }

    private static func message(
        _ rule: ScheduleConflict.Rule, _ shutdown: ScheduleEventView, _ other: ScheduleEventView, lines: [String], people: [String], minutes: Int,
        start: Date, end: Date
    ) -> String {
        let on = lines.joined(separator: ", ")
        let what: String
        switch rule {
        case .shutdownOverlap: what = "shutdown \(other.id) (\(other.title)) overlaps shutdown \(shutdown.id) (\(shutdown.title)) on \(on)"
        case .productionDuringShutdown: what = "\(other.kind.label) \(other.id) (\(other.title)) runs while \(on) is down for \(shutdown.id) (\(shutdown.title))"
        case .trainingDuringShutdown:
            what = "training \(other.id) (\(other.title)) takes \(people.joined(separator: ", ")) of \(on) while \(on) is down for \(shutdown.id) (\(shutdown.title))"
        case .changeDuringShutdown: what = "engineering change \(other.id) (\(other.title)) goes live while \(on) is down for \(shutdown.id) (\(shutdown.title))"
        case .auditDuringShutdown: what = "safety audit \(other.id) (\(other.title)) falls in shutdown \(shutdown.id) (\(shutdown.title)) of \(on)"
        }
        return "\(what): overlap \(duration(minutes)), \(Timestamp.string(start)) to \(Timestamp.string(end))"
    }

    /// `45 min`, `3 h`, `2 h 30 min`, `2 d 4 h`.
    static func duration(_ minutes: Int) -> String {
        let (days, hours, rest) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60)
        var parts: [String] = []
        if days > 0 { parts.append("\(days) d") }
        if hours > 0 { parts.append("\(hours) h") }
        if rest > 0 || parts.isEmpty { parts.append("\(rest) min") }
        return parts.joined(separator: " ")
    }
}

extension Register {
    /// Conflicts whose overlap falls in [from, to) (either open): see `ScheduleConflict.Rule`.
    public func scheduleConflicts(from: Date? = nil, to: Date? = nil) throws -> [ScheduleConflict] {
        let events = try scheduleEvents(ScheduleQuery(from: from, to: to, includeCancelled: false))
        let areas = try store.read { db in try personAreas(db) }
        return ConflictFinder.conflicts(events, areas: areas).filter { conflict in
            (from.map { (Timestamp.parse(conflict.overlapEnd) ?? .distantFuture) > $0 } ?? true)
                && (to.map { (Timestamp.parse(conflict.overlapStart) ?? .distantPast) < $0 } ?? true)
        }
    }
}
