import Foundation
import Testing
@testable import GembaKit

/// Certifications: recording, renewal, and what is due.
@Suite struct TrainingCertificationTests {
    private func certificate(_ user: String, _ kind: String, issuedDaysAgo: Int, validDays: Int, _ r: TestRegister) throws -> CertificationView {
        let issued = r.today.addingDays(-issuedDaysAgo)
        return try r.register.addCertification(
            NewCertification(username: user, kind: kind, issued: issued, expires: issued.addingDays(validDays), reference: "REF-\(issuedDaysAgo)"), by: "carl")
    }

    @Test func certificatesAreListedWithTheirRenewalState() throws {
        try withTrainingRegister { r in
            // Given certificates: valid, within the kind's warning window, expired, and one renewed
            _ = try certificate("olga", "forklift", issuedDaysAgo: 100, validDays: 1095, r)
            _ = try certificate("olga", "first-aid", issuedDaysAgo: 700, validDays: 730, r)
            _ = try certificate("otto", "loto-authorised", issuedDaysAgo: 400, validDays: 365, r)
            _ = try certificate("otto", "dry-room-access", issuedDaysAgo: 800, validDays: 365, r)
            let renewal = try certificate("otto", "dry-room-access", issuedDaysAgo: 10, validDays: 365, r)

            // Then the list shows each person's newest certificate per kind
            let current = try r.register.certifications()
            #expect(current.map { "\($0.username) \($0.kind) \($0.status)" } == [
                "olga first-aid renewal due", "olga forklift valid", "otto dry-room-access valid", "otto loto-authorised expired",
            ])
            #expect(try r.register.certifications(user: "otto", includeRenewed: true).map(\.status) == ["renewed", "valid", "expired"])
            #expect(renewal.kindName == "Dry-room access (gowning and moisture control)" && renewal.recordedBy == "carl")

            // And the due list: expired first, then expiring within each kind's window (first aid: 60 days)
            let due = try r.register.certificationsDue()
            #expect(due.map { "\($0.username) \($0.kind)" } == ["otto loto-authorised", "olga first-aid"])
            #expect(due.first?.daysOverdue == 35 && due.last?.daysOverdue == -30)
            #expect(try r.register.certificationsDue(withinDays: 10).map(\.kind) == ["loto-authorised"])
            #expect(try r.register.certificationsDue(withinDays: 3650).count == 4)
            #expect(try r.actions(entity: nil).filter { $0 == "certification.add" }.count == 5)

            // And a deactivated person's certificates are no longer due
            try r.register.store.write { db in try db.execute(sql: "UPDATE user SET active = 0 WHERE username = 'otto'") }
            #expect(try r.register.certificationsDue().map(\.username) == ["olga"])
            #expect(try r.register.certificationsDue(withinDays: 3650).map(\.username) == ["olga", "olga"])
        }
    }

    @Test func certificatesAreChecked() throws {
        try withTrainingRegister { r in
            let today = r.today
            func add(_ user: String = "olga", kind: String = "forklift", issued: Day? = nil, expires: Day? = nil, reference: String? = nil, by: String = "carl") throws {
                try r.register.addCertification(
                    NewCertification(username: user, kind: kind, issued: issued ?? today, expires: expires ?? today.addingDays(365), reference: reference), by: by)
            }
            #expect((try #require(throws: GembaError.self) { try add(by: "alice") }).kind == .permission)
            #expect((try #require(throws: GembaError.self) { try add(kind: "juggling") }).message.contains("unknown certification kind 'juggling'"))
            #expect(throws: GembaError.self) { try add(expires: today) }
            #expect(throws: GembaError.self) { try add(issued: today.addingDays(1), expires: today.addingDays(30)) }
            #expect(throws: GembaError.self) { try add("nobody") }
            #expect(throws: GembaError.self) { try add(reference: "two\nlines") }
            try add()
            #expect((try #require(throws: GembaError.self) { try add() }).kind == .conflict)
            #expect(try r.register.certifications().count == 1)
            #expect(throws: GembaError.self) { try r.register.certifications(user: "nobody") }
        }
    }
}
