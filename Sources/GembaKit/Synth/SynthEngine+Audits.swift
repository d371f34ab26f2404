import Foundation
import GRDB

extension SynthEngine {
    /// Plans every audit and every CAPA raised on its own: per line and year two internal
    /// audits and up to three CAPAs (complaints, incidents, suppliers, internal); per year one
    /// external audit (certification every third year, surveillance between), two supplier
    /// audits and a safety audit. They scale with lines and years, not with documents.
    func planQuality() throws {
        checklist = try? register.checklistTemplate("iso9001")
        capaPolicy = try register.capaPolicy()
        for (index, document) in documents.enumerated() { areaDocuments[document.area, default: []].append(index) }
        for (index, person) in people.enumerated() {
            guard let area = person.area, !person.roles.contains("operator") else { continue }
            areaPeople[area, default: []].append(index)
        }
        let quality = holders["quality"] ?? [0]
        let lines = parameters.lineNames
        let first = Day(date(start))
        func add(_ kind: AuditKind, _ area: String, _ random: inout SynthRandom, year: Day, from offset: Int, within days: Int, length: Int, extra: ClosedRange<Int>) {
            let starts = year.addingDays(offset + random.int(0...days))
            let audit = SynthAudit(
                index: audits.count, random: random, kind: kind, area: area, startsOn: starts, endsOn: starts.addingDays(length - 1),
                planner: random.pick(quality), extraFindings: random.int(extra))
            // The year's audit programme is planned three weeks before the year starts.
            let planned = max(start + 3600, Int64(year.start.timeIntervalSince1970) - 21 * SynthEngine.day) + 9 * 3600 + Int64(audits.count % 1000) * 120
            guard planned < cutoff else { return }
            audits.append(audit)
            timeline.schedule(.auditStep, at: planned, document: audit.index)
        }
        // One year past the end too: the next audits are planned before the history ends.
        for year in 0...parameters.years {
            let yearStart = first.addingDays(365 * year)
            for (lineIndex, line) in lines.enumerated() {
                for half in 0..<2 {
                    var random = SynthRandom(seed: parameters.seed, stream: UInt64(year * 2_000 + lineIndex * 2 + half), salt: 22)
                    add(.internal, line, &random, year: yearStart, from: 30 + 180 * half, within: 140, length: 1, extra: 0...2)
                }
                var random = SynthRandom(seed: parameters.seed, stream: UInt64(year * 2_000 + lineIndex), salt: 23)
                for _ in 0..<(year < parameters.years ? random.int(0...3) : 0) {
                    let source = random.pick([CAPASource.customerComplaint, .internal, .internal, .supplier, .safetyIncident])
                    let grade: FindingGrade = random.chance(0.25) ? .major : random.chance(0.8) ? .minor : .observation
                    let owners = areaPeople[line] ?? holders["approver"] ?? [0]
                    let capa = SynthCAPA(
                        index: capas.count, random: SynthRandom(seed: parameters.seed, stream: random.next(), salt: 24), area: line, grade: grade,
                        source: source, findings: [], owner: random.pick(owners), opener: random.pick(quality + (holders["coordinator"] ?? [])))
                    capas.append(capa)
                    timeline.schedule(.capaStep, at: Int64(yearStart.start.timeIntervalSince1970) + 9 * 3600 + random.days(20, 360), document: capa.index)
                }
            }
            var random = SynthRandom(seed: parameters.seed, stream: UInt64(year), salt: 25)
            add(year % 3 == 0 ? .certification : .surveillance, "QA", &random, year: yearStart, from: 60, within: 200, length: 3, extra: 0...2)
            add(.supplier, "QA", &random, year: yearStart, from: 20, within: 150, length: 1, extra: 0...3)
            add(.supplier, "QA", &random, year: yearStart, from: 190, within: 150, length: 1, extra: 0...3)
            add(.safety, "EHS", &random, year: yearStart, from: 40, within: 280, length: 1, extra: 0...3)
        }
    }

    func auditStep(_ audit: SynthAudit, at time: Int64) throws {
        switch audit.step {
        case .plan: try planAudit(audit, at: time)
        case .start:
            if audit.isExternal { try addAssessor(audit, at: time - 1800) }
            try moveAudit(audit, to: .inProgress, action: "audit.start", at: time) { $0.startedAt = $1 }
            audit.step = .check
            next(audit, at: time + 1800)
        case .check: try checkAudit(audit, at: time)
        case .report: try reportAudit(audit, at: time)
        case .raiseCAPAs: try raiseCAPAs(audit, at: time)
        case .close: try moveAudit(audit, to: .closed, action: "audit.close", at: time) { $0.closedAt = $1 }
            audit.step = .done
        case .done: return
        }
    }

    private func next(_ audit: SynthAudit, at time: Int64) {
        guard time < cutoff else { return }
        timeline.schedule(.auditStep, at: time, document: audit.index)
    }

    private func at(_ day: Day, hours: Double) -> Int64 { Int64(day.start.timeIntervalSince1970) + Int64(hours * 3600) }

    /// `audit new`: the audit planned, with the checklist template's items copied into it.
    private func planAudit(_ audit: SynthAudit, at time: Int64) throws {
        let planner = users[audit.planner]
        let now = date(time)
        let year = Day(now).year
        let seq = (auditSeq[year] ?? 0) + 1
        auditSeq[year] = seq
        let id = String(format: "AUD-%04d-%03d", year, seq)
        let template = [AuditKind.internal, .certification, .surveillance].contains(audit.kind) ? checklist : nil
        let supplier = audit.random.pick(SynthQualityText.suppliers)
        let scope = audit.kind == .internal ? inScope(audit.area, random: &audit.random) : []
        audit.scope = scope
        let (standard, clauses): (String, String) = switch audit.kind {
        case .safety: ("ISO 45001:2018", "6.1, 8.1, 8.2")
        case .supplier: ("ISO 9001:2015", "8.4, 8.5, 8.7")
        default: (template?.standard ?? "ISO 9001:2015", "4 to 10")
        }
        let record = AuditRecord(
            id: id, year: year, seq: seq, kind: audit.kind.rawValue,
            title: SynthQualityText.auditTitle(audit.kind, area: audit.area, year: audit.startsOn.year, supplier: supplier), standard: standard,
            clauses: clauses, areas: JSONList.encode(audit.isExternal ? parameters.lineNames : [audit.area]),
            documents: JSONList.encode(scope.map { documents[$0].id }),
            auditingBody: audit.isExternal ? audit.random.pick(SynthQualityText.bodies) : nil,
            leadAuditor: audit.isExternal ? audit.random.pick(SynthQualityText.externalAuditors) : planner.name,
            startsOn: audit.startsOn.description, endsOn: audit.endsOn.description, status: AuditStatus.planned.rawValue, checklist: template?.name,
            createdBy: planner.username, createdAt: now, startedAt: nil, reportIssuedAt: nil, reportSummary: nil, closedAt: nil)
        let actor = Actor(username: planner.username, at: now)
        try writer.insert(record, .audit, key: id, action: "audit.plan", by: actor)
        for (position, item) in (template?.items ?? []).enumerated() {
            let row = ChecklistItemRecord(
                auditId: id, item: item.id, position: position, clause: item.clause, question: item.question, result: nil, note: nil,
                checkedBy: nil, checkedAt: nil)
            try writer.insert(row, .auditChecklistItem, key: row.key, action: "audit.checklist-item", by: actor)
            audit.items.append(row)
        }
        audit.record = record
        audit.step = .start
        count("audits")
        next(audit, at: at(audit.startsOn, hours: 8))
    }

    /// `audit assessor add` on the first morning: the external lead auditor's read-only account,
    /// expiring after the audit's last day, and their first read of the audit.
    private func addAssessor(_ audit: SynthAudit, at time: Int64) throws {
        guard let record = audit.record, register.policies.roles[Register.assessorRole] != nil else { return }
        let manager = users[audit.planner]
        let now = date(time)
        let username = "ext-\(record.id.lowercased())"
        let expires = Register.assessorExpiry(record)
        var random = SynthRandom(seed: parameters.seed, stream: UInt64(audit.index), salt: 27)
        let hash = try PasswordHasher.hash(parameters.password, parameters: register.policies.settings.scrypt, salt: random.salt())
        let actor = Actor(username: manager.username, at: now, reason: "assessor for \(record.id), read-only until \(Timestamp.string(expires))")
        let user = UserRecord(
            username: username, name: record.leadAuditor, email: "\(username)@synthetic.gemba.invalid", roles: Register.assessorRole,
            passwordHash: hash, passwordChangedAt: now, failedAttempts: 0, lockedAt: nil, active: true, createdAt: now)
        let db = try writer.db
        try user.insert(db)
        try db.execute(sql: "UPDATE user SET expires_at = ? WHERE username = ?", arguments: [Timestamp.string(expires), username])
        try writer.append(.user, key: username, action: "user.add-assessor", by: actor, old: nil, new: try AuditTrail.canonicalRow(db, .user, key: username))
        let link = AuditAssessorRecord(auditId: record.id, username: username, addedBy: manager.username, addedAt: now)
        try writer.insert(link, .auditAssessor, key: link.key, action: "audit.assessor", by: actor)
        try writer.append(.auditAssessor, key: record.id, action: "access", by: Actor(username: username, at: now.addingTimeInterval(900), reason: "audit show"),
                          old: nil, new: nil, entityType: "access")
        count("assessor accounts")
    }

    /// Up to three effective documents of the line, for the audit's scope and its findings.
    private func inScope(_ area: String, random: inout SynthRandom) -> [Int] {
        let candidates = areaDocuments[area] ?? []
        guard !candidates.isEmpty else { return [] }
        var chosen: [Int] = []
        for _ in 0..<6 where chosen.count < 3 {
            let index = random.pick(candidates)
            if !chosen.contains(index), let record = documents[index].record, record.effectiveRevision != nil, record.obsoleteAt == nil {
                chosen.append(index)
            }
        }
        return chosen.sorted()
    }

    private func moveAudit(
        _ audit: SynthAudit, to status: AuditStatus, action: String, at time: Int64, reason: String? = nil, _ change: (inout AuditRecord, Date) -> Void
    ) throws {
        guard let old = audit.record else { return }
        let now = date(time)
        var record = old
        record.status = status.rawValue
        change(&record, now)
        try writer.update(old, to: record, .audit, key: record.id, action: action, by: Actor(username: users[audit.planner].username, at: now, reason: reason))
        audit.record = record
    }

    /// `audit check` of the next item (and `audit finding` for a nonconformity), then findings
    /// seen outside the checklist; the checks spread over the audit's days.
    private func checkAudit(_ audit: SynthAudit, at time: Int64) throws {
        guard audit.record != nil else { return }
        let planner = users[audit.planner]
        if audit.nextItem < audit.items.count {
            let index = audit.nextItem
            audit.nextItem += 1
            let old = audit.items[index]
            var item = old
            let roll = audit.random.unit()
            let nonconform = roll < (audit.isExternal ? 0.03 : 0.07)
            var finding: (String, String)?
            if nonconform {
                finding = SynthQualityText.nonconformity(area: audit.isExternal ? audit.random.pick(parameters.lineNames) : audit.area, random: &audit.random)
                item.result = ChecklistResult.nonconform.rawValue
                item.note = finding?.1
            } else {
                item.result = roll > 0.96 ? ChecklistResult.na.rawValue : ChecklistResult.conform.rawValue
            }
            item.checkedBy = planner.username
            item.checkedAt = date(time)
            try writer.update(old, to: item, .auditChecklistItem, key: item.key, action: "audit.check", by: Actor(username: planner.username, at: date(time)))
            audit.items[index] = item
            if let finding {
                let grade: FindingGrade = audit.random.chance(audit.isExternal ? 0.3 : 0.15) ? .major : .minor
                try raiseFinding(audit, grade: grade, clause: item.clause, finding, item: item.item, at: time + 120)
            }
            let days = audit.startsOn.days(until: audit.endsOn) + 1
            let perDay = (audit.items.count + days - 1) / days
            let slot = audit.nextItem
            let planned = at(audit.startsOn.addingDays(slot / perDay), hours: 8.5 + 7 * Double(slot % perDay) / Double(perDay))
            next(audit, at: max(planned, time + 300))
        } else if audit.extraFindings > 0 {
            audit.extraFindings -= 1
            let roll = audit.random.unit()
            let area = audit.area == "QA" || audit.area == "EHS" ? audit.random.pick(parameters.lineNames) : audit.area
            if roll < 0.15 {
                try raiseFinding(audit, grade: .minor, clause: "8.5.1", SynthQualityText.nonconformity(area: area, random: &audit.random), item: nil, at: time)
            } else {
                let grade: FindingGrade = roll < 0.7 ? .observation : .ofi
                try raiseFinding(audit, grade: grade, clause: "10.3", SynthQualityText.observation(area: area, random: &audit.random), item: nil, at: time)
            }
            next(audit, at: max(time + 600, at(audit.endsOn, hours: 14 + audit.random.unit())))
        } else {
            audit.step = .report
            next(audit, at: at(audit.endsOn.addingDays(audit.random.int(1...10)), hours: 10))
        }
    }

    private func raiseFinding(_ audit: SynthAudit, grade: FindingGrade, clause: String, _ text: (String, String), item: String?, at time: Int64) throws {
        guard let record = audit.record else { return }
        let planner = users[audit.planner]
        let number = audit.findings.count + 1
        let owners = areaPeople[audit.area] ?? holders["approver"] ?? [0]
        var links: [String] = []
        if !audit.scope.isEmpty, audit.random.chance(0.5), let document = documents[audit.random.pick(audit.scope)].record {
            links.append("\(document.id)/\(document.effectiveRevision ?? document.latestRevision)")
        }
        let owner = audit.random.pick(owners)
        let finding = FindingRecord(
            id: "\(record.id)/F\(number)", auditId: record.id, number: number, grade: grade.rawValue, clause: clause, description: text.0,
            evidence: text.1, documentLinks: JSONList.encode(links), recordLinks: JSONList.encode(item == nil ? [] : ["Shift log \(Day(date(time)))"]),
            area: audit.area, owner: users[owner].username, checklistItem: item, raisedBy: planner.username, raisedAt: date(time))
        try writer.insert(finding, .finding, key: finding.id, action: "audit.finding", by: Actor(username: planner.username, at: date(time)))
        audit.findings.append(finding)
        audit.findingOwners.append(owner)
        count("findings")
        count("findings \(grade.rawValue)")
    }

    /// `audit report`: every item answered; the summary is the trail entry's reason.
    private func reportAudit(_ audit: SynthAudit, at time: Int64) throws {
        let answered = audit.items.filter { $0.result == ChecklistResult.nonconform.rawValue }.count
        let grades = FindingGrade.allCases.compactMap { grade -> String? in
            let n = audit.findings.filter { $0.grade == grade.rawValue }.count
            return n == 0 ? nil : "\(n) \(grade.name)\(n == 1 ? "" : "s")"
        }
        let summary = (audit.items.isEmpty ? "Audit done as planned" : "\(audit.items.count) checklist items checked, \(answered) nonconform")
            + "; findings: " + (grades.isEmpty ? "none" : grades.joined(separator: ", ")) + "."
        try moveAudit(audit, to: .reportIssued, action: "audit.report", at: time, reason: summary) {
            $0.reportIssuedAt = $1
            $0.reportSummary = summary
        }
        let needCAPA = audit.findings.contains { capaPolicy.rule(FindingGrade(rawValue: $0.grade) ?? .major).capaRequired }
        audit.step = needCAPA ? .raiseCAPAs : .close
        next(audit, at: time + audit.random.days(1, needCAPA ? 7 : 12))
    }

    /// `capa new --finding` for each finding whose grade needs a CAPA, minutes apart; the audit closes after.
    private func raiseCAPAs(_ audit: SynthAudit, at time: Int64) throws {
        let openers = (holders["quality"] ?? []) + (holders["coordinator"] ?? [])
        var moment = time
        for (finding, owner) in zip(audit.findings, audit.findingOwners) {
            guard let grade = FindingGrade(rawValue: finding.grade), capaPolicy.rule(grade).capaRequired else { continue }
            let capa = SynthCAPA(
                index: capas.count, random: SynthRandom(seed: parameters.seed, stream: audit.random.next(), salt: 26), area: audit.area, grade: grade,
                source: .auditFinding, findings: [finding], owner: owner, opener: audit.random.pick(openers.isEmpty ? [0] : openers))
            capas.append(capa)
            if moment < cutoff { timeline.schedule(.capaStep, at: moment, document: capa.index) }
            moment += 300
        }
        audit.step = .close
        next(audit, at: moment + audit.random.days(2, 20))
    }
}
