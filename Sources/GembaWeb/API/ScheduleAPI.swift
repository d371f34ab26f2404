import Foundation
import GembaKit
import Hummingbird

/// `/api/v1/schedule`: shutdowns, engineering changes, training, audits and production changes.
extension RouteTable {
    func addScheduleAPI() {
        apiGet("/api/v1/schedule/events", .staff, "Events overlapping a window, by start time, as `gemba schedule list --json`", tag: "schedule", query: [
            APIParameter(name: "from", schema: .moment, description: "From this day (local midnight in the plant's time zone) or time (2027-01-07T06:00:00Z)"),
            APIParameter(name: "to", schema: .moment, description: "Up to this day (exclusive, local midnight) or time"),
            .text("line", "Only this line or area"),
            .choice("kind", ScheduleKind.allCases.map(\.rawValue), "Only this kind"),
            .named("stakeholder", .stakeholders, "Only events this stakeholder group is told about"),
        ]) { request in
            let (from, to) = (try request.queryName("from"), try request.queryName("to"))
            let line = request.query("line"), stakeholder = try request.queryName("stakeholder")
            let kind = try request.queryChoice("kind", ScheduleKind.self)
            return try await request.run { register in
                let query = ScheduleQuery(
                    line: line, from: try from.map { try register.scheduleBound($0, "from") }, to: try to.map { try register.scheduleBound($0, "to") },
                    kind: kind, stakeholder: stakeholder)
                return try register.scheduleEvents(query)
            }
        }

        apiGet("/api/v1/schedule/events/:id", .staff, "One event with its history and notices, as `gemba schedule show --json`", tag: "schedule") { request in
            let id = try request.parameter("id")
            return try await request.run { register in try register.scheduleEvent(id) }
        }

        apiGet("/api/v1/schedule/conflicts", .staff, "Events that should not happen at the same time, as `gemba schedule conflicts --json`",
               tag: "schedule", query: [
                   APIParameter(name: "from", schema: .moment, description: "From this day or time (default: today in the plant's time zone)"),
                   APIParameter(name: "to", schema: .moment, description: "Up to this day (exclusive) or time"),
               ]) { request in
            let (from, to) = (try request.queryName("from"), try request.queryName("to"))
            return try await request.run { register in
                let start = try from.map { try register.scheduleBound($0, "from") } ?? register.scheduleBound(try register.plantToday().description, "from")
                return try register.scheduleConflicts(from: start, to: try to.map { try register.scheduleBound($0, "to") })
            }
        }
    }
}

extension JSONSchema {
    /// A schedule bound: a day (local midnight in the plant's time zone), a UTC or offset time, or a local `YYYY-MM-DD HH:MM`.
    static let moment = JSONSchema.constrained(.string, ["pattern": .string(
        #"^[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?|T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(Z|[+-]\d{2}:\d{2}))?$"#)])
}

extension ScheduleEventView: APIView { static let apiSchema = JSONSchema.ref("ScheduleEventView") }
extension ScheduleEventDetail: APIView { static let apiSchema = JSONSchema.ref("ScheduleEventDetail") }
extension ScheduleConflict: APIView { static let apiSchema = JSONSchema.ref("ScheduleConflict") }

extension APISchemas {
    static let schedule: [String: JSONSchema] = [
        "ScheduleEventView": .object([
            "id": .string, "kind": .cases(ScheduleKind.self), "title": .string, "lines": .array(.string), "start": .timestamp, "end": .timestamp,
            "local_start": .string, "local_end": .string, "owner": .string, "owner_name": .string, "status": .cases(ScheduleStatus.self),
            "stakeholders": .array(.string), "named_stakeholders": .array(.string), "sequence": .integer, "created_by": .string,
            "created_at": .timestamp, "updated_at": .timestamp,
            "links": .object([
                "documents": .array(.string), "participants": .array(.string), "training_assignments": .array(.string),
            ], optional: ["eco": .string]),
        ], optional: ["note": .string]),
        "ScheduleChangeView": .object([
            "event": .string, "title": .string, "number": .integer, "field": .string, "reason": .string, "by": .string, "at": .timestamp,
            "sequence": .integer,
        ], optional: ["old_value": .string, "new_value": .string]),
        "NoticeView": .object([
            "id": .integer, "event": .string, "change": .cases(NoticeChange.self), "stakeholder": .string, "sequence": .integer,
            "subject": .string, "body": .string, "ask": .string, "email": .array(.string), "status": .cases(NoticeStatus.self),
            "attempts": .integer, "created_by": .string, "created_at": .timestamp,
            "attempt_log": .array(.object([
                "number": .integer, "channel": .string, "target": .string, "at": .timestamp, "outcome": .string, "detail": .string,
            ])),
        ], optional: ["webhook": .string, "next_attempt_at": .timestamp, "delivered_at": .timestamp]),
        "ScheduleEventDetail": .object([
            "event": .ref("ScheduleEventView"), "history": .list("ScheduleChangeView"), "notices": .list("NoticeView"),
        ]),
        "ScheduleConflict": .object([
            "rule": .cases(ScheduleConflict.Rule.self), "shutdown": .string, "other": .string, "lines": .array(.string),
            "people": .array(.string), "overlap_start": .timestamp, "overlap_end": .timestamp, "overlap_minutes": .integer, "message": .string,
        ]),
    ]
}
