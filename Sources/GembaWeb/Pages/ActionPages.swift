import Foundation
import GembaKit

/// Action items: the list with filters and escalation, one item with its comments, and the forms
/// to update, comment, complete and cancel. The service decides who may do what (the owner,
/// the creator for comments, `meeting.manage` holders), as for `gemba action`.
extension RouteTable {
    func addActionRoutes() {
        get("/actions", .staff, "Action items with days overdue and escalation level (`?owner=`, `?overdue=1`, `?origin=`, `?all=1`)") { request in
            let visitor = try request.visitor
            let filter = ActionFilter(
                owner: request.query("owner"), overdue: request.query("overdue") == "1", origin: request.query("origin").flatMap { ActionOrigin(rawValue: $0) },
                all: request.query("all") == "1")
            let model = try await request.run { register in try ActionListModel(register, filter: filter, visitor: visitor) }
            return try await request.site.page("actions", title: "Action items", model, for: request)
        }

        post("/actions", .permission(.meetingManage), "Add an action item from an audit, CAPA, board or elsewhere") { request in
            let username = try request.username
            let form = request.form
            let item = NewActionItem(
                text: try form.required("text", label: "What will be done"), owner: try form.required("owner", label: "The owner"),
                dueOn: try form.day("due", label: "The due date"), priority: try form.choice("priority", ActionPriority.self, label: "The priority") ?? .medium,
                origin: try form.choice("origin", ActionOrigin.self, label: "The origin") ?? .other, reference: form.optional("reference"),
                series: form.optional("series"))
            let view = try await request.run { register in try register.addActionItem(item, by: username) }
            return await request.done("\(view.id) added for \(view.ownerName), due \(view.dueOn).", to: ActionPageModel.href(view.id))
        }

        get("/actions/:id", .staff, "An action item: its state, escalation, comments, the meetings that carried it") { request in
            let id = try request.parameter("id")
            let visitor = try request.visitor
            let model = try await request.run { register in try ActionPageModel(register, id: id, visitor: visitor) }
            return try await request.site.page("action", title: model.item.id, model, for: request)
        }

        post("/actions/:id/update", .staff, "Change an open item: status (owner), text, owner, due date with a reason, priority, series (`meeting.manage`)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let form = request.form
            let change = ActionChange(
                status: try form.choice("status", ActionStatus.self, label: "The status"), text: form.optional("text"), owner: form.optional("owner"),
                dueOn: try form.day("due", label: "The due date"), priority: try form.choice("priority", ActionPriority.self, label: "The priority"),
                series: form.optional("series"), reason: form.optional("reason"))
            let view = try await request.run { register in try register.updateActionItem(id, change, by: username) }
            return await request.done("\(view.id) changed: \(view.status.replacingOccurrences(of: "_", with: " ")), due \(view.dueOn).", to: ActionPageModel.href(view.id))
        }

        post("/actions/:id/comment", .staff, "Comment on an item (its owner, its creator or `meeting.manage`)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let text = try request.form.required("text", label: "The comment")
            let comment = try await request.run { register in try register.commentOnAction(id, text: text, by: username) }
            return await request.done("Comment C\(comment.number) recorded.", to: ActionPageModel.href(id.uppercased()))
        }

        post("/actions/:id/done", .staff, "Close an item as done, saying what was done (its owner or `meeting.manage`)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let note = try request.form.required("note", label: "What was done")
            let view = try await request.run { register in try register.completeAction(id, note: note, by: username) }
            return await request.done("\(view.id) is done.", to: ActionPageModel.href(view.id))
        }

        post("/actions/:id/cancel", .permission(.meetingManage), "Cancel an item that is no longer needed, with the reason") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let reason = try request.form.required("reason", label: "The reason")
            let view = try await request.run { register in try register.cancelAction(id, reason: reason, by: username) }
            return await request.done("\(view.id) cancelled.", to: ActionPageModel.href(view.id))
        }
    }
}

/// The list's filters, as in `gemba actions`.
struct ActionFilter: Sendable {
    let owner: String?
    let overdue: Bool
    let origin: ActionOrigin?
    let all: Bool
}
