import Foundation
import GRDB

extension Register {
    /// One person's plan with the progress of every item today.
    public func onboardingPlan(_ person: String) throws -> OnboardingView {
        try store.read { db in
            guard let plan = try OnboardingPlanRecord.fetchOne(db, key: person) else {
                _ = try activeUser(db, person)
                throw GembaError.notFound("\(person) has no onboarding plan; start one with `gemba onboarding start \(person)`")
            }
            return try onboardingView(db, plan, training: try trainingPolicy(db))
        }
    }

    /// Every plan, by person.
    public func onboardingPlans() throws -> [OnboardingView] {
        try store.read { db in
            let training = try trainingPolicy(db)
            return try OnboardingPlanRecord.order(Column("username")).fetchAll(db).map { try onboardingView(db, $0, training: training) }
        }
    }

    private func onboardingView(_ db: Database, _ plan: OnboardingPlanRecord, training: TrainingPolicy) throws -> OnboardingView {
        let today = today()
        let user = try UserRecord.fetchOne(db, key: plan.username)
        let records = try OnboardingItemRecord.filter(Column("username") == plan.username).order(Column("number")).fetchAll(db)
        let items = try records.map { try itemView(db, $0, today: today, training: training) }
        let parts = OnboardingPart.allCases.map { part in
            let mine = items.filter { $0.part == part.rawValue }
            return OnboardingPartView(part: part.rawValue, total: mine.count, done: mine.filter { $0.status == "done" }.count,
                                      late: mine.filter { $0.status == "late" }.count)
        }
        let late = items.filter { $0.status == "late" }.count
        return OnboardingView(
            username: plan.username, name: user?.name ?? plan.username, roles: plan.roleList, startedBy: plan.startedBy,
            startedAt: Timestamp.string(plan.startedAt), parts: parts, items: items, late: late, complete: items.allSatisfy { $0.status == "done" })
    }

    private func itemView(_ db: Database, _ item: OnboardingItemRecord, today: Day, training: TrainingPolicy) throws -> OnboardingItemView {
        func view(_ status: String, _ reference: String?, _ due: String?) -> OnboardingItemView {
            let late = due.flatMap(Day.init).map { $0.days(until: today) }
            let shown = status == "open" && (late ?? 0) > 0 ? "late" : status
            return OnboardingItemView(
                number: item.number, part: item.part, subject: item.subject, title: item.title, role: item.role, status: shown,
                reference: reference, dueDate: due, daysOverdue: shown == "late" ? late : nil)
        }
        switch OnboardingPart(rawValue: item.part) {
        case .training:
            guard let document = try DocumentRecord.fetchOne(db, key: item.subject), document.obsoleteAt == nil else {
                return view("done", "\(item.subject) is obsolete", nil)
            }
            let reference = document.effectiveRevision.map { "\(document.id) rev \($0)" }
            if try hasRead(db, item.username, document, training: training) { return view("done", reference, nil) }
            let open = try TrainingAssignmentRecord.filter(Column("document_id") == document.id && Column("username") == item.username
                && Column("status") == TrainingStatus.open.rawValue).order(Column("due_on")).fetchOne(db)
            guard let open else { return view("not assigned", reference, nil) }
            return view("open", "\(document.id) rev \(open.revisionLetter)", open.dueOn)
        case .certification:
            let valid = try CertificationRecord.filter(Column("username") == item.username && Column("kind") == item.subject
                && Column("issued_on") <= today.description && Column("expires_on") >= today.description).order(Column("expires_on").desc).fetchOne(db)
            if let valid { return view("done", "valid until \(valid.expiresOn)", nil) }
            return view("open", nil, item.dueOn)
        case .systemAccess:
            guard let id = item.requestId, let request = try RequestRecord.fetchOne(db, key: id) else { return view("open", item.requestId, item.dueOn) }
            switch request.state {
            case .fulfilled: return view("done", request.id, nil)
            case .rejected, .cancelled: return view(request.status, request.id, nil)
            case .submitted, .approved: return view("open", request.id, request.dueOn)
            }
        case .trainingEvent:
            // The event as scheduled now: done when its owner marks it done, dropped when cancelled.
            guard let event = try ScheduleEventRecord.fetchOne(db, key: item.subject) else { return view("open", item.subject, item.dueOn) }
            let reference = "\(event.id) \(Timestamp.readable(event.startAt))"
            switch ScheduleStatus(rawValue: event.status) {
            case .done: return view("done", reference, nil)
            case .cancelled: return view("cancelled", reference, nil)
            default: return view("open", reference, Day(event.endAt).description)
            }
        case nil:
            return view("open", nil, item.dueOn)
        }
    }
}
