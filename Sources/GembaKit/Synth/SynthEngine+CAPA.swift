import Foundation
import GRDB

extension SynthEngine {
    /// The CAPA's next step, as the CAPA services record it: open, contain, root cause, plan
    /// actions, complete them, verify (signed), check effectiveness (signed; now and then "not
    /// effective", which reopens it) and close (signed by quality).
    func capaStep(_ capa: SynthCAPA, at time: Int64) throws {
        guard let record = capa.record else {
            try openCAPA(capa, at: time)
            return next(capa, at: time + capa.random.days(0.2, 3))
        }
        let rule = capaPolicy.rule(capa.grade)
        switch CAPAState(rawValue: record.state) ?? .closed {
        case .open:
            if rule.containmentRequired || capa.random.chance(0.5) {
                let containment = SynthQualityText.containment(random: &capa.random)
                try changeCAPA(capa, action: "capa.contain", by: capa.owner, at: time) { capa, now in
                    capa.containment = containment
                    capa.containedOn = Day(now).description
                    capa.state = CAPAState.contained.rawValue
                }
                // Now and then the root cause takes long: the plan deadline passes.
                next(capa, at: time + (capa.random.chance(0.05) ? capa.random.days(40, 150) : capa.random.days(2, 20)))
            } else {
                try recordRootCause(capa, at: time)
            }
        case .contained:
            try recordRootCause(capa, at: time)
        case .rootCaused:
            try addAction(capa, at: time)
        case .actionsPlanned:
            if capa.roundActions.count < capa.plannedActions {
                try addAction(capa, at: time)
            } else {
                try completeAction(capa, at: time)
            }
        case .actionsDone:
            try signCAPA(capa, step: .verification, meaning: .verified, by: signer(capa, roles: ["quality", "coordinator"]), at: time) { capa, now in
                capa.state = CAPAState.verified.rawValue
                capa.verifiedAt = now
                capa.effectivenessDue = Day(now).addingDays(rule.effectivenessCheckDays).description
                return "capa.verify"
            }
            if let due = capa.record?.effectivenessDue.flatMap(Day.init) {
                next(capa, at: Int64(due.start.timeIntervalSince1970) + 8 * 3600 + capa.random.days(0, 20))
            }
        case .verified:
            let effective = !capa.random.chance(0.08)
            let comment = effective ? nil : "The problem came back within the check period; the actions did not reach the cause"
            try signCAPA(capa, step: .effectiveness, meaning: effective ? .effective : .notEffective, by: signer(capa, roles: ["quality", "coordinator"]),
                         at: time, comment: comment) { capa, now in
                guard !effective else {
                    capa.state = CAPAState.effective.rawValue
                    return "capa.effective"
                }
                capa.reopen(at: now, rule: rule)
                return "capa.reopen"
            }
            next(capa, at: time + capa.random.days(1, effective ? 10 : 14))
        case .effective:
            try signCAPA(capa, step: .closure, meaning: capa.random.chance(0.8) ? .approved : .responsibility, by: signer(capa, roles: ["quality"]), at: time) { capa, now in
                capa.state = CAPAState.closed.rawValue
                capa.closedAt = now
                return "capa.close"
            }
            count("CAPAs closed")
        case .closed:
            return
        }
    }

    private func next(_ capa: SynthCAPA, at time: Int64) {
        guard time < cutoff else { return }
        timeline.schedule(.capaStep, at: time, document: capa.index)
    }

    /// `capa new`: the CAPA with its deadlines from policy, linked to its findings.
    private func openCAPA(_ capa: SynthCAPA, at time: Int64) throws {
        let now = date(time)
        let today = Day(now)
        let rule = capaPolicy.rule(capa.grade)
        let seq = (capaSeq[today.year] ?? 0) + 1
        capaSeq[today.year] = seq
        let title: String
        let problem: String
        var reference: String?
        if let finding = capa.findings.first {
            title = "\(finding.id): \(finding.description.prefix(120))".trimmingCharacters(in: .whitespaces)
            problem = capa.findings.map { "\($0.id): \($0.description) Evidence: \($0.evidence)" }.joined(separator: "\n")
        } else {
            let text = SynthQualityText.standaloneProblem(capa.source, area: capa.area, random: &capa.random)
            title = text.title
            problem = text.problem
            switch capa.source {
            case .customerComplaint: reference = "CC-\(today.year)-\(String(format: "%04d", capa.random.int(1...9999)))"
            case .safetyIncident: reference = "INC-\(today.year)-\(String(format: "%03d", capa.random.int(1...999)))"
            case .supplier: reference = "SCAR-\(today.year)-\(String(format: "%03d", capa.random.int(1...999)))"
            default: reference = nil
            }
        }
        let opener = users[capa.opener]
        let record = CAPARecord(
            id: String(format: "CAPA-%04d-%03d", today.year, seq), year: today.year, seq: seq, title: title, source: capa.source.rawValue,
            sourceReference: reference, grade: capa.grade.rawValue, owner: users[capa.owner].username, state: CAPAState.open.rawValue, problem: problem,
            containment: nil, containedOn: nil, whys: nil, rootCause: nil, causeCategory: nil, openedBy: opener.username, openedAt: now,
            planDue: today.addingDays(rule.planDays).description, completeDue: today.addingDays(rule.completeDays).description,
            plannedAt: nil, verifiedAt: nil, effectivenessDue: nil, reopened: 0, closedAt: nil, updatedAt: now)
        let actor = Actor(username: opener.username, at: now)
        try writer.insert(record, .capa, key: record.id, action: "capa.open", by: actor)
        for finding in capa.findings {
            let link = CAPAFindingRecord(capaId: record.id, findingId: finding.id)
            try writer.insert(link, .capaFinding, key: link.key, action: "capa.link-finding", by: actor)
        }
        capa.record = record
        count("CAPAs")
    }

    /// One change of the CAPA row by `person` (its owner, or a capa.manage holder), as `changeCAPA`.
    private func changeCAPA(_ capa: SynthCAPA, action: String, by person: Int, at time: Int64, _ change: (inout CAPARecord, Date) -> Void) throws {
        guard let old = capa.record else { return }
        let now = date(time)
        var record = old
        change(&record, now)
        record.updatedAt = now
        try writer.update(old, to: record, .capa, key: record.id, action: action, by: Actor(username: users[person].username, at: now))
        capa.record = record
    }

    private func recordRootCause(_ capa: SynthCAPA, at time: Int64) throws {
        let whys = SynthQualityText.whyChain(random: &capa.random)
        let (cause, category) = SynthQualityText.rootCause(random: &capa.random)
        try changeCAPA(capa, action: "capa.root-cause", by: capa.owner, at: time) { record, _ in
            record.whys = JSONList.encode(whys)
            record.rootCause = cause
            record.causeCategory = category.rawValue
            if record.state != CAPAState.actionsPlanned.rawValue { record.state = CAPAState.rootCaused.rawValue }
        }
        next(capa, at: time + capa.random.days(0.5, 7))
    }

    /// `capa action add` by the owner: the action (due at the CAPA's completion deadline, or a
    /// month on when that has passed), then the CAPA `actions_planned`.
    private func addAction(_ capa: SynthCAPA, at time: Int64) throws {
        guard let record = capa.record else { return }
        let now = date(time)
        let owners = areaPeople[capa.area] ?? [capa.owner]
        let owner = capa.random.chance(0.6) ? capa.owner : capa.random.pick(owners)
        let completeDue = Day(record.completeDue) ?? Day(now)
        let due = completeDue >= Day(now) ? completeDue : Day(now).addingDays(30)
        let number = capa.actions.count + 1
        let action = CAPAActionRecord(
            id: "\(record.id)/A\(number)", capaId: record.id, number: number, planRound: record.reopened,
            description: SynthQualityText.action(random: &capa.random), owner: users[owner].username, dueOn: due.description, status: "open",
            documentId: nil, documentRevision: nil, evidence: nil, completedRevision: nil, doneBy: nil, doneAt: nil,
            createdBy: users[capa.owner].username, createdAt: now)
        try writer.insert(action, .capaAction, key: action.id, action: "capa.action-add", by: Actor(username: users[capa.owner].username, at: now))
        capa.actions.append(action)
        try changeCAPA(capa, action: "capa.plan", by: capa.owner, at: time) { record, now in
            record.state = CAPAState.actionsPlanned.rawValue
            if record.plannedAt == nil { record.plannedAt = now }
        }
        if capa.roundActions.count < capa.plannedActions {
            next(capa, at: time + capa.random.days(0.003, 0.02))
        } else {
            next(capa, at: completionTime(capa, action: action, after: time))
        }
    }

    /// Most actions are done before their due date, some late; a stalled CAPA's last action never.
    private func completionTime(_ capa: SynthCAPA, action: CAPAActionRecord, after time: Int64) -> Int64 {
        let open = capa.roundActions.filter { $0.status == "open" }
        if capa.stalls, open.count == 1 { return Int64.max }
        let due = Int64((Day(action.dueOn) ?? Day(date(time))).start.timeIntervalSince1970) + 12 * 3600
        if capa.random.chance(0.12) { return due + capa.random.days(3, 60) }
        return time + Int64(Double(max(SynthEngine.day, due - time)) * (0.1 + 0.8 * capa.random.unit()))
    }

    /// `capa action done` by the action's owner; the last one moves the CAPA to `actions_done`.
    private func completeAction(_ capa: SynthCAPA, at time: Int64) throws {
        guard let index = capa.actions.firstIndex(where: { $0.status == "open" }) else { return }
        let old = capa.actions[index]
        let doer = old.owner
        let actor = Actor(username: doer, at: date(time))
        var action = old
        action.status = "done"
        action.evidence = "Done on \(Day(actor.at)); see the shift log and the updated station checklist"
        action.doneBy = doer
        action.doneAt = actor.at
        try writer.update(old, to: action, .capaAction, key: action.id, action: "capa.action-done", by: actor)
        capa.actions[index] = action
        if let next = capa.actions.first(where: { $0.status == "open" }) {
            self.next(capa, at: completionTime(capa, action: next, after: time))
            return
        }
        guard let before = capa.record, before.state == CAPAState.actionsPlanned.rawValue else { return }
        var record = before
        record.state = CAPAState.actionsDone.rawValue
        record.updatedAt = actor.at
        try writer.update(before, to: record, .capa, key: record.id, action: "capa.actions-done", by: actor)
        capa.record = record
        self.next(capa, at: time + capa.random.days(2, 15))
    }

    /// A holder of one of `roles` who does not own the CAPA.
    private func signer(_ capa: SynthCAPA, roles: [String]) -> Int {
        let candidates = roles.flatMap { holders[$0] ?? [] }.filter { $0 != capa.owner }
        return candidates.isEmpty ? 0 : capa.random.pick(candidates)
    }

    /// One signed step, as `signCAPA`: the signature over the content's hash, then the state change.
    private func signCAPA(
        _ capa: SynthCAPA, step: CAPAStep, meaning: CAPASignatureMeaning, by person: Int, at time: Int64, comment: String? = nil,
        _ change: (inout CAPARecord, Date) -> String
    ) throws {
        guard let old = capa.record else { return }
        let user = users[person]
        let now = date(time)
        let actor = Actor(username: user.username, at: now, reason: comment)
        let hash = try Register.capaContentHash(old, actions: capa.actions, findings: capa.findings.map(\.id).sorted())
        let signature = CAPASignatureRecord(
            id: nextCAPASignature, capaId: old.id, planRound: old.reopened, step: step.rawValue, meaning: meaning.rawValue, username: user.username,
            printedName: user.name, signedAt: now, contentHash: hash, comment: comment)
        nextCAPASignature += 1
        try writer.insert(signature, .capaSignature, key: signature.key, action: "capa.sign", by: actor)
        var record = old
        let action = change(&record, now)
        record.updatedAt = now
        try writer.update(old, to: record, .capa, key: record.id, action: action, by: actor)
        capa.record = record
        count("CAPA signatures")
    }
}
