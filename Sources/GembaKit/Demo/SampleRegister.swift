import Foundation
import GembaGit
import Yams

/// Replays the sample register (`sample-register/`) into a real register: every draft, review,
/// signature, release, periodic review and retirement happens through the same services a user
/// calls, with the clock set to the moment it happened (days before today).
public enum SampleRegister {
    public struct Summary: Sendable {
        public let people: Int
        public let documents: Int
        public let signatures: Int
        public let demoPassword: String
    }

    public static func build(sample: URL, into root: URL, policyFiles: [String: Data], now: Date = SystemClock().now()) throws -> (Register, Summary) {
        let peopleDoc = try YAMLDocument(file: "\(sample.path)/people.yaml", data: try read(sample.appendingPathComponent("people.yaml")))
        let password = try peopleDoc.string(peopleDoc.root, "demo_password")
        let people = try peopleDoc.sequence(peopleDoc.root, "people").map { node in
            NewUser(username: try peopleDoc.string(node, "user"), name: try peopleDoc.string(node, "name"),
                    email: try peopleDoc.optionalString(node, "email"), roles: try peopleDoc.strings(node, "roles"), password: password)
        }
        let policies = try Policies.load(files: policyFiles)
        guard let admin = people.first(where: { policies.permissions(ofRoles: $0.roles).contains(.userManage) }) else {
            throw GembaError(.invalidInput, "\(sample.path)/people.yaml: nobody has a role with user.manage (such as admin)")
        }
        let folders = try FileManager.default.contentsOfDirectory(atPath: sample.appendingPathComponent("documents").path).sorted()
        let documents = try folders.map { folder in try SampleDocument.load(sample.appendingPathComponent("documents").appendingPathComponent(folder)) }
        let earliest = documents.flatMap { $0.revisions.map(\.draftedDaysAgo) }.max() ?? 1

        let replay = try SampleReplay(
            sample: sample, root: root, policyFiles: policyFiles, policies: policies, people: people, admin: admin,
            demoPassword: password, now: now, startDaysAgo: earliest + 2)
        try replay.scheduleDocuments(documents)
        try replay.scheduleAudits()
        try replay.scheduleTraining()
        try replay.scheduleMeetings()
        try replay.scheduleProduction()
        try replay.scheduleRequests()
        try replay.scheduleSchedule()
        try replay.schedulePasswordChanges()
        try replay.run()
        let register = try Register.open(at: root)
        // Every account and every e-signature the replay left, whichever module made it.
        let (accounts, signatures) = try register.store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM user") ?? 0,
             try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM signature) + (SELECT count(*) FROM capa_signature) + (SELECT count(*) FROM request_signature)
                     + (SELECT count(*) FROM training_assignment WHERE signed_at IS NOT NULL)
                """) ?? 0)
        }
        return (register, Summary(people: accounts, documents: documents.count, signatures: signatures, demoPassword: password))
    }

    static func read(_ url: URL) throws -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw GembaError(.invalidInput, "\(url.path): missing or unreadable")
        }
        return data
    }
}

extension SampleReplay {
    /// Every document's drafts, reviews, signatures, releases, periodic reviews and retirement.
    func scheduleDocuments(_ documents: [SampleDocument]) throws {
        var numbers: [String: Int] = [:]
        for (index, document) in documents.enumerated() {
            let type = try policies.documentType(document.type)
            let route = try policies.route(for: type)
            numbers[type.code, default: 0] += 1
            let number = numbers[type.code] ?? 1
            let id = type.documentID(number: number)
            let spread = TimeInterval(index * 60)
            func orderedSigners(_ map: [String: [String]]) throws -> [(String, SignatureMeaning)] {
                for step in map.keys where !route.steps.contains(where: { $0.name == step }) {
                    throw GembaError(.invalidInput, "\(document.folder.path)/document.yaml: route \(route.name) has no step '\(step)'")
                }
                return route.steps.flatMap { step in (map[step.name] ?? []).map { ($0, step.meaning) } }
            }
            for (revisionIndex, revision) in document.revisions.enumerated() {
                let drafted = at(Double(revision.draftedDaysAgo), plus: 8 * 3600 + spread)
                let main = try ContentFile(name: "content.\(URL(fileURLWithPath: revision.file).pathExtension.lowercased())",
                                           data: try SampleRegister.read(document.folder.appendingPathComponent(revision.file)))
                let attachments = try revision.attachments.map { try ContentFile(name: $0, data: try SampleRegister.read(document.folder.appendingPathComponent($0))) }
                if revisionIndex == 0 {
                    let new = NewDocument(
                        type: document.type, title: document.title, owner: document.owner, file: main, attachments: attachments,
                        changeReason: revision.changeReason, changeClass: revision.changeClass, eco: revision.eco,
                        reviewIntervalMonths: document.reviewIntervalMonths, number: number, areas: document.areas)
                    schedule(drafted) { _ = try self.register.createDocument(new, by: revision.author) }
                } else {
                    let request = RevisionRequest(changeReason: revision.changeReason, changeClass: revision.changeClass, eco: revision.eco, file: main, attachments: attachments)
                    schedule(drafted) { try self.register.reviseDocument(id, request, by: revision.author) }
                }
                guard revision.status != "draft" else { continue }
                let started = drafted.addingTimeInterval(1800)
                let effective = revision.effectiveDaysAgo.map { at(Double($0), plus: 6 * 3600 + spread) }
                let plannedDay = revision.effectiveDaysAgo.map { Day(now.addingTimeInterval(-Double($0) * SampleReplay.day)) }
                let startDay = Day(started)
                schedule(started) {
                    _ = try self.register.startRevisionReview(id, effectiveOn: plannedDay.flatMap { $0 > startDay ? $0 : nil },
                                                              signer: self.credentials(revision.author))
                }
                let end = (revision.effectiveDaysAgo ?? 0) > 0 ? (effective ?? now) : now.addingTimeInterval(-120)
                scheduleSignatures(id, try orderedSigners(revision.signers), from: started, to: end)
                if revision.status == "rejected", let rejecter = revision.rejectedBy {
                    schedule(end.addingTimeInterval(-30)) {
                        _ = try self.register.reject(id, comment: revision.rejectComment ?? "Rejected", signer: self.credentials(rejecter))
                    }
                }
                if let effective, (revision.effectiveDaysAgo ?? 0) >= 0 {
                    schedule(effective) { try self.register.releaseDue() }
                }
            }
            for periodic in document.periodicReviews {
                let start = at(Double(periodic.daysAgo), plus: 9 * 3600 + spread)
                schedule(start) { _ = try self.register.startPeriodicReview(id, by: self.coordinator) }
                scheduleSignatures(id, try orderedSigners(periodic.signers), from: start, to: start.addingTimeInterval(3 * 3600))
            }
            if let obsolete = document.obsolete {
                let start = at(Double(obsolete.daysAgo), plus: 9 * 3600 + spread)
                schedule(start) { _ = try self.register.requestObsolete(id, reason: obsolete.reason, by: obsolete.requestedBy) }
                scheduleSignatures(id, try orderedSigners(obsolete.signers), from: start, to: start.addingTimeInterval(3 * 3600))
            }
        }
    }
}

/// One `sample-register/documents/<folder>/document.yaml`.
struct SampleDocument {
    struct Revision {
        let file: String
        let attachments: [String]
        let author: String
        let draftedDaysAgo: Int
        let changeReason: String
        let changeClass: ChangeClass
        let eco: String?
        let signers: [String: [String]]
        let effectiveDaysAgo: Int?
        let status: String?
        let rejectedBy: String?
        let rejectComment: String?
    }

    struct SignedEvent {
        let daysAgo: Int
        let signers: [String: [String]]
        let reason: String
        let requestedBy: String
    }

    let folder: URL
    let type: String
    let title: String
    let owner: String
    let reviewIntervalMonths: Int?
    let areas: [String]
    let revisions: [Revision]
    let periodicReviews: [SignedEvent]
    let obsolete: SignedEvent?

    static func load(_ folder: URL) throws -> SampleDocument {
        let doc = try YAMLDocument(file: folder.appendingPathComponent("document.yaml").path, data: try SampleRegister.read(folder.appendingPathComponent("document.yaml")))
        let root = doc.root
        func signers(_ node: Node) throws -> [String: [String]] {
            guard let value = try doc.mapping(node, "entry")["signers"] else { return [:] }
            var result: [String: [String]] = [:]
            for (step, _, list) in try doc.entries(value, "signers") {
                result[step] = try (list.sequence.map(Array.init) ?? []).map { item in
                    guard let name = item.scalar?.string else { throw doc.error(item, "signers must be user names") }
                    return name
                }
            }
            return result
        }
        let revisions = try doc.sequence(root, "revisions").map { node in
            let classText = try doc.string(node, "change_class")
            guard let changeClass = ChangeClass(rawValue: classText) else { throw doc.error(node, "change_class must be major or minor") }
            let attachments = try doc.mapping(node, "revision")["attachments"] == nil ? [] : try doc.strings(node, "attachments")
            let effective = try doc.mapping(node, "revision")["effective_days_ago"] == nil ? nil : try doc.int(node, "effective_days_ago", range: -365...10_000)
            return Revision(
                file: try doc.string(node, "file"), attachments: attachments, author: try doc.string(node, "author"),
                draftedDaysAgo: try doc.int(node, "drafted_days_ago", range: 0...10_000), changeReason: try doc.string(node, "change_reason"),
                changeClass: changeClass, eco: try doc.optionalString(node, "eco"), signers: try signers(node), effectiveDaysAgo: effective,
                status: try doc.optionalString(node, "status"), rejectedBy: try doc.optionalString(node, "rejected_by"),
                rejectComment: try doc.optionalString(node, "reject_comment"))
        }
        let periodic = try (doc.mapping(root, "document")["periodic_reviews"] == nil ? [] : doc.sequence(root, "periodic_reviews")).map { node in
            SignedEvent(daysAgo: try doc.int(node, "days_ago", range: 0...10_000), signers: try signers(node), reason: "periodic review", requestedBy: "")
        }
        let obsolete = try doc.mapping(root, "document")["obsolete"].map { node in
            SignedEvent(daysAgo: try doc.int(node, "days_ago", range: 0...10_000), signers: try signers(node),
                        reason: try doc.string(node, "reason"), requestedBy: try doc.string(node, "requested_by"))
        }
        return SampleDocument(
            folder: folder, type: try doc.string(root, "type"), title: try doc.string(root, "title"), owner: try doc.string(root, "owner"),
            reviewIntervalMonths: try doc.optionalInt(root, "review_interval_months", range: 1...120),
            areas: try doc.mapping(root, "document")["areas"] == nil ? [] : try doc.strings(root, "areas"), revisions: revisions,
            periodicReviews: periodic, obsolete: obsolete)
    }
}
