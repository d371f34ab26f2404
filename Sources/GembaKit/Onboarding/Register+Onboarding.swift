import Foundation
import GRDB

extension Register {
    /// Starts a person's onboarding plan from their roles, or adds what new roles bring to an
    /// existing plan: the documents their roles must read, the certificates and system access
    /// their roles need (policies/requests.yaml, onboarding), and the scheduled training events
    /// the person is a participant of (`gemba schedule add --kind training_event --participant`).
    /// Each system access is submitted as a request. Needs `training.manage`.
    public func startOnboarding(_ person: String, by username: String) throws -> OnboardingStart {
        let policy = try requestPolicy()
        guard let onboarding = policy.onboarding else {
            throw GembaError(.policy, "policies/requests.yaml has no onboarding section; add one to build onboarding plans")
        }
        let kind = try policy.kind(onboarding.systemAccessKind)
        return try exclusively {
            try releaseDueRevisions()
            let (created, added) = try store.write { db -> (Bool, [Int]) in
                _ = try requirePermission(db, username, .trainingManage, to: "start onboarding plans")
                let user = try activeUser(db, person)
                let training = try trainingPolicy(db)
                let actor = Actor(username: username, at: now(), reason: "onboarding of \(user.name) for the roles \(user.roleList.joined(separator: ", "))")
                let existing = try OnboardingPlanRecord.fetchOne(db, key: user.username)
                var plan = existing ?? OnboardingPlanRecord(username: user.username, roles: "", startedBy: username, startedAt: actor.at, updatedAt: actor.at)
                plan.roles = user.roleList.sorted().joined(separator: ",")
                plan.updatedAt = actor.at
                if plan != existing {
                    try AuditTrail.track(db, .onboardingPlan, key: plan.username, action: existing == nil ? "onboarding.start" : "onboarding.roles", by: actor) {
                        try plan.save(db)
                    }
                }
                var items = try OnboardingItemRecord.filter(Column("username") == user.username).fetchAll(db)
                var added: [Int] = []
                func add(_ part: OnboardingPart, _ subject: String, _ title: String, role: String?, due: Day? = nil, request: String? = nil) throws {
                    guard !items.contains(where: { $0.part == part.rawValue && $0.subject == subject }) else { return }
                    let item = OnboardingItemRecord(
                        username: user.username, number: (items.map(\.number).max() ?? 0) + 1, part: part.rawValue, subject: subject, title: title,
                        role: role, dueOn: due?.description, requestId: request, addedBy: username, addedAt: actor.at)
                    try AuditTrail.track(db, .onboardingItem, key: item.key, action: "onboarding.add", by: actor) { try item.insert(db) }
                    items.append(item)
                    added.append(item.number)
                }
                for document in try DocumentRecord.filter(Column("obsolete_at") == nil && Column("effective_revision") != nil)
                    .order(Column("type"), Column("number")).fetchAll(db) {
                    let held = Set(try trainingRoles(db, document, training)).intersection(user.roleList).sorted()
                    guard let role = held.first else { continue }
                    try add(.training, document.id, "Read and understood: \(document.id) \(document.title)", role: role)
                }
                let due = Day(actor.at).addingDays(onboarding.certificationDueDays)
                for role in user.roleList.sorted() {
                    guard let needs = onboarding.roles[role] else { continue }
                    for code in needs.certifications {
                        try add(.certification, code, training.certifications[code]?.name ?? code, role: role, due: due)
                    }
                    for system in needs.systems where !items.contains(where: { $0.part == OnboardingPart.systemAccess.rawValue && $0.subject == system }) {
                        let request = try insertRequest(
                            db, kind: kind, title: "\(system) access for \(user.name)", fields: ["person": user.username, "system": system],
                            approver: nil, training: training, by: actor)
                        try add(.systemAccess, system, "\(system) access", role: role, request: request.id)
                    }
                }
                let events = try ScheduleEventRecord.filter(
                    Column("kind") == ScheduleKind.trainingEvent.rawValue && Column("status") != ScheduleStatus.cancelled.rawValue)
                    .order(Column("start_at"), Column("id")).fetchAll(db)
                for event in events where JSONList.decode(event.participants).contains(user.username) {
                    try add(.trainingEvent, event.id, "Attend \(event.title) on \(Day(event.startAt))", role: nil, due: Day(event.endAt))
                }
                return (existing == nil, added)
            }
            let plan = try onboardingPlan(person)
            return OnboardingStart(created: created, added: plan.items.filter { added.contains($0.number) }, plan: plan)
        }
    }
}
