import Foundation
import GRDB

/// A plant area or line a document applies to (L1, QA...): `doc list --area`, `bundle build --area`.
struct DocumentAreaRecord: GembaRecord, Equatable {
    static let databaseTableName = "document_area"
    var documentId: String
    var area: String

    var key: String { "\(documentId)/\(area)" }
}

extension Register {
    /// Sets the areas or lines a document applies to, replacing the ones it had. The names are
    /// checked against `areas` in policies/training.yaml. Needs document.create or
    /// document.revise: the people who write documents say where they apply.
    @discardableResult
    public func setDocumentAreas(_ id: String, to areas: [String], by actorName: String) throws -> [String] {
        let wanted = Set(areas.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }).sorted()
        return try exclusively {
            try store.write { db in
                let acting = try activeUser(db, actorName)
                let allowed = policies.permissions(ofRoles: acting.roleList)
                guard allowed.contains(.documentCreate) || allowed.contains(.documentRevise) else {
                    let roles = policies.roles.values.filter { $0.permissions.contains(.documentCreate) || $0.permissions.contains(.documentRevise) }
                        .map(\.name).sorted()
                    throw GembaError.permission("\(actorName) may not set a document's areas (needs one of the roles: \(roles.joined(separator: ", ")))")
                }
                let document = try documentRecord(db, id)
                if document.status == RevisionStatus.obsolete.rawValue {
                    throw GembaError.state("\(document.id) is obsolete; its areas stay as they were when it was withdrawn")
                }
                let current = Set(try documentAreas(db, document.id))
                guard current != Set(wanted) else {
                    throw GembaError.state("\(document.id) already applies to \(wanted.isEmpty ? "no area" : wanted.joined(separator: ", ")); nothing changed")
                }
                try writeDocumentAreas(db, document.id, from: current, to: wanted, by: Actor(
                    username: actorName, at: now(), reason: "areas of \(document.id): \(wanted.isEmpty ? "none" : wanted.joined(separator: ", "))"))
                return wanted
            }
        }
    }

    /// The areas a document applies to, sorted.
    public func documentAreas(_ id: String) throws -> [String] {
        try store.read { db in try documentAreas(db, try documentRecord(db, id).id) }
    }

    func documentAreas(_ db: Database, _ id: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT area FROM document_area WHERE document_id = ? ORDER BY area", arguments: [id])
    }

    /// Checks area names against policy, trimmed, sorted and without repeats. `policy` is the
    /// training policy of the recorded main when the caller has read it already (an import of
    /// thousands of documents reads it once, not once per document).
    func checkedDocumentAreas(_ db: Database, _ areas: [String], policy: TrainingPolicy? = nil) throws -> [String] {
        let wanted = Set(areas.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }).sorted()
        guard !wanted.isEmpty else { return [] }
        let policy = try policy ?? trainingPolicy(db)
        for area in wanted { try policy.checkArea(area) }
        return wanted
    }

    /// Adds and removes rows so the document has exactly `wanted`, each change in the trail.
    func writeDocumentAreas(
        _ db: Database, _ id: String, from current: Set<String>, to wanted: [String], policy: TrainingPolicy? = nil, by actor: Actor
    ) throws {
        for area in try checkedDocumentAreas(db, wanted, policy: policy) where !current.contains(area) {
            try AuditTrail.trackInsert(db, .documentArea, key: "\(id)/\(area)", action: "document.area-add", by: actor) {
                try DocumentAreaRecord(documentId: id, area: area).insertPrepared(db)
            }
        }
        for area in current.subtracting(wanted).sorted() {
            try AuditTrail.track(db, .documentArea, key: "\(id)/\(area)", action: "document.area-remove", by: actor) {
                _ = try DocumentAreaRecord(documentId: id, area: area).delete(db)
            }
        }
    }
}
