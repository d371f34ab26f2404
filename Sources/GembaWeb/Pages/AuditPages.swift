import Foundation
import GembaKit
import Hummingbird

/// Audits: the list, an audit's page (scope, checklist, findings), and for coordinators the forms
/// that move it through `planned -> in_progress -> report_issued -> closed`.
extension RouteTable {
    func addAuditRoutes() {
        get("/audits", .signedIn, "Audits: status, dates, standard and findings by grade") { request in
            let status = try request.query("status").map { text -> AuditStatus in
                guard let status = AuditStatus(rawValue: text) else { throw WebError.badRequest("unknown audit status '\(text)'") }
                return status
            }
            let visitor = try request.visitor
            let model = try await request.run { register in
                try register.recordRead("audits", what: "web audit list", by: visitor.person.username)
                return try AuditListModel(register, status: status, visitor: visitor)
            }
            return try await request.site.page("audits", title: "Audits", model, for: request)
        }

        post("/audits", .permission(.auditManage), "Plan an audit (kind, scope, dates, lead auditor, checklist)") { request in
            let form = request.form
            guard let kind = AuditKind(rawValue: form["kind"] ?? "") else { throw WebError.badRequest("choose the kind of audit") }
            let start = try form.requiredDay("start", label: "The first day")
            let new = NewAudit(
                kind: kind, title: try form.required("title", label: "Title"), standard: try form.required("standard", label: "The standard"),
                clauses: try form.required("clauses", label: "The clauses in scope"), areas: FormList.items(form["areas"]),
                documents: FormList.items(form["documents"]), auditingBody: form.optional("body"),
                leadAuditor: try form.required("lead", label: "The lead auditor"), startsOn: start,
                endsOn: try form.day("end", label: "The last day") ?? start, checklist: form.optional("checklist"))
            let username = try request.username
            let id = try await request.run { register in try register.createAudit(new, by: username) }
            return await request.done("\(id) planned.", to: "/audits/\(id.urlPathEncoded)")
        }

        get("/audits/:id", .signedIn, "An audit: scope, dates, checklist answers, findings with cited revisions, owners and CAPAs") { request in
            let id = try request.parameter("id")
            let visitor = try request.visitor
            let model = try await request.run { register in
                let model = try AuditPageModel(register, id: id, visitor: visitor)
                try register.recordRead(model.id, what: "web audit page", by: visitor.person.username)
                return model
            }
            return try await request.site.page("audit", title: "\(model.id) \(model.title)", model, for: request)
        }

        post("/audits/:id/start", .permission(.auditManage), "Start a planned audit (planned → in progress)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let view = try await request.run { register in try register.startAudit(id, by: username) }
            return await request.done("\(view.summary.id) is in progress.", to: "/audits/\(view.summary.id.urlPathEncoded)")
        }

        post("/audits/:id/check", .permission(.auditManage), "Answer a checklist item of an audit in progress") { request in
            let id = try request.parameter("id")
            let form = request.form
            let item = try form.required("item", label: "The checklist item")
            guard let result = ChecklistResult(rawValue: form["result"] ?? "") else { throw WebError.badRequest("choose conform, nonconform or n/a") }
            let note = form.optional("note")
            let username = try request.username
            let checked = try await request.run { register in try register.checkAuditItem(id, item: item, result: result, note: note, by: username) }
            return await request.done("Item \(checked.item) (\(checked.clause)): \(checked.result ?? "-").", to: "/audits/\(id.uppercased().urlPathEncoded)#checklist")
        }

        post("/audits/:id/findings", .permission(.auditManage), "Record a finding (grade, clause, evidence, cited revisions, owner)") { request in
            let id = try request.parameter("id")
            let form = request.form
            guard let grade = FindingGrade(rawValue: form["grade"] ?? "") else { throw WebError.badRequest("choose the finding's grade") }
            let new = NewFinding(
                grade: grade, clause: try form.required("clause", label: "The clause"),
                description: try form.required("description", label: "The description"), evidence: try form.required("evidence", label: "The evidence"),
                documents: FormList.items(form["documents"]), records: FormList.lines(form["records"]), area: form.optional("area"),
                owner: try form.required("owner", label: "The owner"), checklistItem: form.optional("item"))
            let username = try request.username
            let finding = try await request.run { register in try register.addFinding(id, new, by: username) }
            let capa = finding.capaRequired ? " A \(finding.gradeName) needs a CAPA." : ""
            return await request.done("\(finding.id) recorded.\(capa)", to: "/audits/\(finding.audit.urlPathEncoded)#F\(finding.number)")
        }

        post("/audits/:id/report", .permission(.auditManage), "Issue the audit report (every checklist item answered)") { request in
            let id = try request.parameter("id")
            let summary = try request.form.required("summary", label: "The report's summary")
            let username = try request.username
            let view = try await request.run { register in try register.issueAuditReport(id, summary: summary, by: username) }
            return await request.done("\(view.summary.id): report issued.", to: "/audits/\(view.summary.id.urlPathEncoded)")
        }

        post("/audits/:id/close", .permission(.auditManage), "Close an audit whose nonconformities all have a CAPA") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let view = try await request.run { register in try register.closeAudit(id, by: username) }
            return await request.done("\(view.summary.id) is closed.", to: "/audits/\(view.summary.id.urlPathEncoded)")
        }
    }
}
