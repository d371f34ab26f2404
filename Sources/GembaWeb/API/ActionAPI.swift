import Foundation
import GembaKit
import Hummingbird

/// `/api/v1/actions`: action items from meetings, audits, CAPAs and boards; their owners close
/// and comment on them (the register checks who may).
extension RouteTable {
    func addActionAPI() {
        apiGet("/api/v1/actions", .staff, "Action items, most escalated first, with the filters of `gemba actions`", tag: "actions", query: [
            .text("owner", "Only this owner (user name)"),
            .flag("overdue", "Only items past their due date"),
            .choice("origin", ActionOrigin.allCases.map(\.rawValue), "Only this origin"),
            .text("series", "Only items carried by this meeting series"),
            .flag("all", "Also items done or cancelled"),
        ]) { request in
            let query = ActionQuery(
                owner: request.query("owner"), overdueOnly: try request.queryFlag("overdue"), origin: try request.queryChoice("origin", ActionOrigin.self),
                series: request.query("series"), includeClosed: try request.queryFlag("all"))
            return try await request.run { register in try register.actionItems(query) }
        }

        apiGet("/api/v1/actions/:id", .staff, "One action item with its comments and the meetings that carried it, as `gemba action show --json`",
               tag: "actions") { request in
            let id = try request.parameter("id")
            return try await request.run { register in try register.actionItem(id) }
        }

        apiPost("/api/v1/actions/:id/complete", .staff, "Close an item as done with what was done (its owner, or `meeting.manage`)",
                tag: "actions", body: ActionCompletion.self) { request, input in
            let id = try request.parameter("id")
            let username = try request.username
            return try await request.run { register in try register.completeAction(id, note: input.note, by: username) }
        }

        apiPost("/api/v1/actions/:id/comment", .staff, "Comment on an item (its owner, its creator, or `meeting.manage`)",
                tag: "actions", body: ActionComment.self) { request, input in
            let id = try request.parameter("id")
            let username = try request.username
            return try await request.run { register in try register.commentOnAction(id, text: input.text, by: username) }
        }
    }
}

/// `{"note": "what was done"}`
struct ActionCompletion: APIInput {
    let note: String
    static let apiSchema = JSONSchema.ref("ActionCompletion")
}

/// `{"text": "the comment"}`
struct ActionComment: APIInput {
    let text: String
    static let apiSchema = JSONSchema.ref("ActionComment")
}

extension ActionItemView: APIView { static let apiSchema = JSONSchema.ref("ActionItemView") }
extension ActionItemDetail: APIView { static let apiSchema = JSONSchema.ref("ActionItemDetail") }
extension ActionCommentView: APIView { static let apiSchema = JSONSchema.ref("ActionCommentView") }

extension APISchemas {
    static let actions: [String: JSONSchema] = [
        "ActionItemView": .object([
            "id": .string, "text": .string, "owner": .string, "owner_name": .string, "due_on": .day, "priority": .cases(ActionPriority.self),
            "status": .cases(ActionStatus.self), "origin": .cases(ActionOrigin.self), "created_by": .string, "created_at": .timestamp,
            "escalation_level": .integer, "escalated_to": .array(.string),
        ], optional: [
            "reference": .string, "meeting": .string, "series": .string, "closed_by": .string, "closed_at": .timestamp, "resolution": .string,
            "days_overdue": .integer, "escalation": .string,
        ]),
        "ActionCommentView": .object(["number": .integer, "text": .string, "by": .string, "by_name": .string, "at": .timestamp]),
        "ActionItemDetail": .object(["item": .ref("ActionItemView"), "comments": .list("ActionCommentView"), "carried_into": .array(.string)]),
        "ActionCompletion": .object(["note": .words]),
        "ActionComment": .object(["text": .words]),
    ]
}
