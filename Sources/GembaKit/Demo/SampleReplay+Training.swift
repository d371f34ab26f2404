import Foundation
import Yams

extension SampleReplay {
    /// The sample's training history (`sample-register/training.yaml`): areas, document
    /// requirements, roles given later, certificates, and everyone's "read and understood"
    /// signatures a few days after each assignment, except those left open on purpose.
    func scheduleTraining() throws {
        let file = sample.appendingPathComponent("training.yaml")
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        let doc = try YAMLDocument(file: file.path, data: try SampleRegister.read(file))
        let admin = people.first { policies.permissions(ofRoles: $0.roles).contains(.userManage) }?.username ?? coordinator

        for (user, _, node) in try doc.entries(doc.child(doc.root, "areas"), "areas") {
            let areas = try (node.sequence.map(Array.init) ?? []).map { item in
                guard let area = item.scalar?.string else { throw doc.error(item, "areas must list area names") }
                return area
            }
            schedule(accountsCreated.addingTimeInterval(3600)) { try self.register.setAreas(of: user, to: areas, by: self.coordinator) }
        }
        let unsigned = try doc.sequence(doc.root, "unsigned").map { node in
            (user: try doc.string(node, "user"), document: try doc.string(node, "document"), revision: try doc.optionalString(node, "revision"))
        }
        func keepsOpen(_ user: String, _ document: String, _ revision: String) -> Bool {
            unsigned.contains { $0.user == user && $0.document == document && ($0.revision == nil || $0.revision == revision) }
        }
        // Every document that can need training, with the days its revisions became effective.
        let trained = try trainingDocuments()
        var readers = people.map(\.username)

        for node in try doc.sequence(doc.root, "requirements") {
            let id = try doc.string(node, "document")
            let daysAgo = try doc.int(node, "days_ago", range: 0...10_000)
            let time = moment(Double(daysAgo), plus: 9 * 3600)
            let roles = try doc.strings(node, "roles")
            let by = try doc.string(node, "by")
            let reason = try doc.string(node, "reason")
            schedule(time) { _ = try self.register.requireTraining(id, roles: roles, reason: reason, by: by) }
            for user in readers { scheduleReading(user, id, daysAfter: daysAgo, keepsOpen) }
        }
        for node in try doc.sequence(doc.root, "role_changes") {
            let user = try doc.string(node, "user")
            // After the day's requirement changes, so the new role meets the new requirements.
            let daysAgo = try doc.int(node, "days_ago", range: 0...10_000)
            let time = moment(Double(daysAgo), plus: 11 * 3600)
            let add = try doc.strings(node, "add")
            let remove = try doc.mapping(node, "role change")["remove"] == nil ? [] : try doc.strings(node, "remove")
            let reason = try doc.string(node, "reason")
            schedule(time) { _ = try self.register.changeRoles(of: user, add: add, remove: remove, reason: reason, by: self.credentials(admin)) }
            for id in trained.keys.sorted() { scheduleReading(user, id, daysAfter: daysAgo, keepsOpen) }
        }
        readers.sort()
        for (id, days) in trained.sorted(by: { $0.key < $1.key }) {
            for daysAgo in days {
                for user in readers { scheduleReading(user, id, daysAfter: daysAgo, keepsOpen) }
            }
        }
        for node in try doc.sequence(doc.root, "certifications") {
            let issuedAgo = try doc.int(node, "issued_days_ago", range: 2...10_000)
            let issued = Day(moment(Double(issuedAgo)))
            let new = NewCertification(
                username: try doc.string(node, "user"), kind: try doc.string(node, "kind"), issued: issued,
                expires: issued.addingDays(try doc.int(node, "valid_days", range: 1...3650)), reference: try doc.optionalString(node, "reference"))
            schedule(moment(Double(issuedAgo - 2), plus: 10 * 3600 + 600)) { try self.register.addCertification(new, by: self.coordinator) }
        }
    }

    /// The moment `daysAgo` days before today's midnight plus `seconds` (not clamped to the past).
    private func moment(_ daysAgo: Double, plus seconds: TimeInterval = 0) -> Date {
        Day(now).start.addingTimeInterval(-daysAgo * SampleReplay.day + seconds)
    }

    /// The person signs whatever is open for the document some days after the day `daysAgo`:
    /// 1 to 12 days (about one in ten 15 to 20 days, late), at a time of day fixed by a hash of
    /// the names, so every load date gives the same history. Nothing is signed today or later.
    private func scheduleReading(_ user: String, _ id: String, daysAfter daysAgo: Int, _ keepsOpen: @escaping (String, String, String) -> Bool) {
        let hash = SampleReplay.fnv1a("\(user)|\(id)|\(daysAgo)")
        let days = hash % 10 == 0 ? 15 + Int(hash / 10 % 6) : 1 + Int(hash / 7 % 12)
        guard days < daysAgo else { return }
        let time = moment(Double(daysAgo - days), plus: 6.5 * 3600 + Double(hash / 100 % 540) * 60 + Double(hash % 60))
        schedule(time) {
            for item in try self.register.trainingAssignments(for: user) where item.document == id && !keepsOpen(user, id, item.revision) {
                _ = try self.register.signTraining(id, revision: item.revision, signer: self.credentials(user))
            }
        }
    }

    /// Document IDs, as the replay numbers them, of the types that can need training, with the
    /// days ago each of their revisions became effective.
    private func trainingDocuments() throws -> [String: [Int]] {
        let folder = sample.appendingPathComponent("documents")
        var numbers: [String: Int] = [:]
        var result: [String: [Int]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let document = try SampleDocument.load(folder.appendingPathComponent(name))
            let type = try policies.documentType(document.type)
            numbers[type.code, default: 0] += 1
            guard type.trainingRequired else { continue }
            result[type.documentID(number: numbers[type.code] ?? 1)] = document.revisions.compactMap(\.effectiveDaysAgo).filter { $0 > 0 }
        }
        return result
    }

    /// FNV-1a: a hash that is the same in every run (Swift's `hashValue` is not).
    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
