import Foundation
import GRDB

extension Register {
    /// Places a person in areas or lines (L1, QA...), replacing the ones they had. The names
    /// are checked against `areas` in policies/training.yaml. Needs user.manage or training.manage.
    @discardableResult
    public func setAreas(of username: String, to areas: [String], by actorName: String) throws -> [String] {
        let wanted = Set(areas.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }).sorted()
        return try exclusively {
            try store.write { db in
                let acting = try activeUser(db, actorName)
                let allowed = policies.permissions(ofRoles: acting.roleList)
                guard allowed.contains(.userManage) || allowed.contains(.trainingManage) else {
                    let roles = policies.roles.values.filter { $0.permissions.contains(.userManage) || $0.permissions.contains(.trainingManage) }.map(\.name).sorted()
                    throw GembaError.permission("\(actorName) may not place people in areas (needs one of the roles: \(roles.joined(separator: ", ")))")
                }
                guard try UserRecord.fetchOne(db, key: username) != nil else {
                    throw GembaError.notFound("no user \(username); `gemba user list` shows the users")
                }
                let policy = try trainingPolicy(db)
                for area in wanted { try policy.checkArea(area) }
                let current = Set(try PersonAreaRecord.filter(Column("username") == username).fetchAll(db).map(\.area))
                guard current != Set(wanted) else {
                    throw GembaError.state("\(username) is already in \(wanted.isEmpty ? "no area" : wanted.joined(separator: ", ")); nothing changed")
                }
                let actor = Actor(username: actorName, at: now(), reason: "areas of \(username): \(wanted.isEmpty ? "none" : wanted.joined(separator: ", "))")
                for area in current.subtracting(wanted).sorted() {
                    try AuditTrail.track(db, .personArea, key: "\(username)/\(area)", action: "user.area-remove", by: actor) {
                        _ = try PersonAreaRecord(username: username, area: area).delete(db)
                    }
                }
                for area in Set(wanted).subtracting(current).sorted() {
                    try AuditTrail.track(db, .personArea, key: "\(username)/\(area)", action: "user.area-add", by: actor) {
                        try PersonAreaRecord(username: username, area: area).insert(db)
                    }
                }
                return wanted
            }
        }
    }

    /// The areas a person belongs to.
    public func areas(of username: String) throws -> [String] {
        try store.read { db in
            guard try UserRecord.fetchOne(db, key: username) != nil else {
                throw GembaError.notFound("no user \(username); `gemba user list` shows the users")
            }
            return try personAreas(db)[username] ?? []
        }
    }

    /// Every person's areas, sorted.
    func personAreas(_ db: Database) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for record in try PersonAreaRecord.order(Column("username"), Column("area")).fetchAll(db) {
            result[record.username, default: []].append(record.area)
        }
        return result
    }
}
