import Foundation

extension Register {
    /// An audit's page in a bundle: what was audited, by whom, its checklist answers and its
    /// findings with their evidence, each linked to the document revisions in the bundle and to
    /// its corrective action.
    func auditPage(_ bundled: BundleAudit, context: BundleContext) throws -> String {
        let audit = bundled.audit
        let names = try store.read { db in try peopleNames(db) }
        let inBundle = Dictionary(context.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let root = "../../"
        func documentLink(_ reference: String) -> String {
            let id = reference.split(separator: "/").first.map(String.init) ?? reference
            guard let document = inBundle[id] else { return HTML.escape("\(reference) (not effective at the end of \(context.asOf); not in this bundle)") }
            let cited = reference.contains("/") ? String(reference.split(separator: "/").last ?? "") : document.letter
            let note = cited == document.letter ? "" : " - rev \(cited) cited; rev \(document.letter) was effective at the end of \(context.asOf)"
            return HTML.link(root + document.pagePath, reference) + HTML.escape(note)
        }
        let title = "\(audit.id): \(audit.title)"
        var body = "<h1>\(HTML.escape(title))</h1>\n"
        body += "<p>The audit as it stood at the end of \(context.asOf) (UTC), rebuilt from the register's audit trail.</p>\n"
        body += HTML.facts([
            ("Kind", audit.kind), ("Standard", audit.standard), ("Clauses", audit.clauses.isEmpty ? "-" : audit.clauses),
            ("Areas and lines", JSONList.decode(audit.areas).joined(separator: ", ").ifEmpty("-")),
            ("Dates", "\(audit.startsOn) to \(audit.endsOn)"), ("Lead auditor", audit.leadAuditor),
            ("Auditing body", audit.auditingBody ?? "-"),
            ("Status at the end of \(context.asOf)", audit.status.replacingOccurrences(of: "_", with: " ")),
            ("Planned", "\(Timestamp.readable(audit.createdAt)) by \(names[audit.createdBy] ?? audit.createdBy) (\(audit.createdBy))"),
            ("Started", audit.startedAt.map(Timestamp.readable) ?? "-"),
            ("Report issued", audit.reportIssuedAt.map(Timestamp.readable) ?? "-"),
            ("Closed", audit.closedAt.map(Timestamp.readable) ?? "-"),
        ])
        if let summary = audit.reportSummary { body += "<h2>Report summary</h2>\n<p>\(HTML.escape(summary))</p>\n" }
        let scoped = JSONList.decode(audit.documents)
        body += "<h2>Documents in scope</h2>\n"
        body += scoped.isEmpty ? "<p>None named.</p>\n" : "<ul>\n" + scoped.map { "<li>\(documentLink($0))</li>\n" }.joined() + "</ul>\n"
        if !bundled.checklist.isEmpty {
            body += "<h2>Checklist\(audit.checklist.map { " (\(HTML.escape($0)))" } ?? "")</h2>\n"
            body += HTML.table(["Item", "Clause", "Question", "Result", "Note", "Checked"], bundled.checklist.map { item in
                [item.item, item.clause, item.question, item.result ?? "open", item.note ?? "",
                 item.checkedAt.map { "\(Timestamp.readable($0)) by \(item.checkedBy ?? "")" } ?? ""].map(HTML.escape)
            })
        }
        body += "<h2>Findings</h2>\n"
        guard !bundled.findings.isEmpty else { return HTML.page(title: title, root: root, body: body + "<p>No finding was raised by the end of \(context.asOf).</p>\n") }
        let policy = try capaPolicy()
        for finding in bundled.findings {
            let grade = FindingGrade(rawValue: finding.grade) ?? .major
            body += "<h3 id=\"F\(finding.number)\">\(HTML.escape("\(finding.id): \(grade.name), clause \(finding.clause)"))</h3>\n"
            body += "<p>\(HTML.escape(finding.description))</p>\n"
            let capa = bundled.capa(of: finding)
            let capaCell = capa.map { HTML.link($0.pageName, $0.capa.id) + HTML.escape(" (\($0.capa.state.replacingOccurrences(of: "_", with: " ")))") }
                ?? HTML.escape(policy.rule(grade).capaRequired ? "required by policy; none linked by the end of \(context.asOf)" : "not required for this grade")
            let documents = JSONList.decode(finding.documentLinks)
            body += "<table class=\"facts\">\n" + [
                ("Objective evidence", HTML.escape(finding.evidence)),
                ("Documents", documents.isEmpty ? "-" : documents.map(documentLink).joined(separator: "<br>")),
                ("Records", HTML.escape(JSONList.decode(finding.recordLinks).joined(separator: ", ").ifEmpty("-"))),
                ("Area or line", HTML.escape(finding.area ?? "-")),
                ("Owner", HTML.escape("\(names[finding.owner] ?? finding.owner) (\(finding.owner))")),
                ("Checklist item", HTML.escape(finding.checklistItem ?? "-")),
                ("Raised", HTML.escape("\(Timestamp.readable(finding.raisedAt)) by \(names[finding.raisedBy] ?? finding.raisedBy) (\(finding.raisedBy))")),
                ("Corrective action", capaCell),
            ].map { "<tr><th>\(HTML.escape($0.0))</th><td>\($0.1)</td></tr>\n" }.joined() + "</table>\n"
        }
        return HTML.page(title: title, root: root, body: body)
    }

    /// A corrective action's page: problem, containment, 5 whys and root cause, actions with
    /// their completion evidence, and every signature with its manifestation (21 CFR 11.50) and
    /// whether the content it signed is still what the register holds.
    func capaPage(_ bundled: BundleCAPA, audit: BundleAudit, context: BundleContext) throws -> String {
        let capa = bundled.capa
        let names = try store.read { db in try peopleNames(db) }
        func person(_ username: String) -> String { "\(names[username] ?? username) (\(username))" }
        let inBundle = Dictionary(context.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let title = "\(capa.id): \(capa.title)"
        var body = "<h1>\(HTML.escape(title))</h1>\n"
        body += "<p>The corrective action as it stood at the end of \(context.asOf) (UTC), rebuilt from the register's audit trail. "
        body += "Findings: " + bundled.findings.map { id in
            let number = audit.findings.first { $0.id == id }?.number
            return number.map { HTML.link("index.html#F\($0)", id) } ?? HTML.escape(id)
        }.joined(separator: ", ") + ".</p>\n"
        body += HTML.facts([
            ("Grade", FindingGrade(rawValue: capa.grade)?.name ?? capa.grade), ("Source", capa.source),
            ("State at the end of \(context.asOf)", capa.state.replacingOccurrences(of: "_", with: " ")),
            ("Owner", person(capa.owner)), ("Opened", "\(Timestamp.readable(capa.openedAt)) by \(person(capa.openedBy))"),
            ("Plan due", capa.planDue), ("Actions due", capa.completeDue),
            ("Verified", capa.verifiedAt.map(Timestamp.readable) ?? "-"), ("Effectiveness check due", capa.effectivenessDue ?? "-"),
            ("Reopened after a \"not effective\" check", String(capa.reopened)), ("Closed", capa.closedAt.map(Timestamp.readable) ?? "-"),
        ])
        body += "<h2>Problem</h2>\n<p>\(HTML.escape(capa.problem))</p>\n"
        body += "<h2>Containment</h2>\n<p>\(HTML.escape(capa.containment.map { "\($0) (\(capa.containedOn ?? "date not recorded"))" } ?? "Not recorded."))</p>\n"
        body += "<h2>Root cause</h2>\n"
        let whys = JSONList.decode(capa.whys)
        if !whys.isEmpty { body += "<ol>\n" + whys.map { "<li>Why? \(HTML.escape($0))</li>\n" }.joined() + "</ol>\n" }
        body += "<p>\(HTML.escape(capa.rootCause.map { "\($0) (category: \(capa.causeCategory ?? "-"))" } ?? "Not recorded."))</p>\n"
        body += "<h2>Actions</h2>\n"
        body += bundled.actions.isEmpty ? "<p>No action was planned by the end of \(context.asOf).</p>\n" : HTML.table(
            ["#", "Plan round", "Action", "Owner", "Due", "Status", "Completion evidence"], bundled.actions.map { action in
                var evidence = HTML.escape(action.evidence ?? "")
                if let document = action.documentId {
                    let revision = action.completedRevision ?? action.documentRevision
                    let target = "\(document)\(revision.map { " rev \($0)" } ?? "")"
                    evidence += (evidence.isEmpty ? "" : "<br>") + (inBundle[document].map { HTML.link("../../" + $0.pagePath, target) } ?? HTML.escape(target))
                }
                if let doneAt = action.doneAt { evidence += HTML.escape(" - done \(Timestamp.readable(doneAt)) by \(person(action.doneBy ?? ""))") }
                return [String(action.number), String(action.planRound), HTML.escape(action.description), HTML.escape(person(action.owner)),
                        HTML.escape(action.dueOn), HTML.escape(action.status), evidence]
            })
        body += "<h2>Signatures</h2>\n"
        body += bundled.signatures.isEmpty ? "<p>None by the end of \(context.asOf).</p>\n" : HTML.table(
            ["Step", "Signature", "Comment", "Signed content"], bundled.signatures.map { signature in
                let record = signature.record
                let manifestation = "\(record.meaning.capitalized) by \(record.printedName) (\(record.username)) on \(Timestamp.readable(record.signedAt))"
                return [HTML.escape(record.step), "<span class=\"signature\">\(HTML.escape(manifestation))</span>", HTML.escape(record.comment ?? ""),
                        "SHA-256 <code>\(record.contentHash.prefix(16))</code> " + (signature.contentVerified
                            ? "matches the CAPA's content when signed"
                            : "<span class=\"warning\">does not match the CAPA's content when signed</span>")]
            })
        return HTML.page(title: title, root: "../../", body: body)
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
