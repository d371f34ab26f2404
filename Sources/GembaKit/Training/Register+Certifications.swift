import Foundation
import GRDB

/// A certificate to record: who, which kind (policies/training.yaml), issued and expiry dates.
public struct NewCertification: Sendable {
    public var username: String
    public var kind: String
    public var issued: Day
    public var expires: Day
    /// The certificate's number or the issuing body's reference.
    public var reference: String?

    public init(username: String, kind: String, issued: Day, expires: Day, reference: String? = nil) {
        self.username = username
        self.kind = kind
        self.issued = issued
        self.expires = expires
        self.reference = reference
    }
}

/// A certificate as listed by `gemba cert list` and `gemba cert due`.
public struct CertificationView: Codable, Sendable, Equatable {
    public let id: Int64
    public let username: String
    public let name: String
    public let kind: String
    public let kindName: String
    public let issuedOn: String
    /// The last day the certificate is valid.
    public let expiresOn: String
    public let reference: String?
    public let recordedBy: String
    public let recordedAt: String
    /// `valid`, `renewal due` (within the kind's warning window), `expired`, or `renewed` (a newer one exists).
    public let status: String
    /// Positive when expired, zero on the expiry day, negative while still ahead.
    public let daysOverdue: Int
}

extension Register {
    /// Records a certificate a person holds. A newer certificate of the same kind renews the older one.
    @discardableResult
    public func addCertification(_ new: NewCertification, by username: String) throws -> CertificationView {
        let reference = new.reference?.trimmingCharacters(in: .whitespaces)
        if let reference, reference.isEmpty || reference.count > 100 || reference.contains(where: \.isNewline) {
            throw GembaError.invalid("--reference must be one line of 1-100 characters")
        }
        guard new.expires > new.issued else {
            throw GembaError.invalid("--expires \(new.expires) must be after --issued \(new.issued)")
        }
        return try exclusively {
            try store.write { db in
                _ = try requirePermission(db, username, .trainingManage, to: "record certifications")
                let kind = try trainingPolicy(db).certificationKind(new.kind)
                let holder = try activeUser(db, new.username)
                guard new.issued <= Day(now()) else {
                    throw GembaError.invalid("--issued \(new.issued) is in the future; record a certificate once it is issued")
                }
                let duplicate = try CertificationRecord.filter(
                    Column("username") == holder.username && Column("kind") == kind.code && Column("issued_on") == new.issued.description).fetchCount(db)
                guard duplicate == 0 else {
                    throw GembaError(.conflict, "\(holder.username) already has a \(kind.code) certificate issued on \(new.issued); `gemba cert list --user \(holder.username)` shows it")
                }
                var record = CertificationRecord(
                    id: nil, username: holder.username, kind: kind.code, issuedOn: new.issued.description, expiresOn: new.expires.description,
                    reference: reference, recordedBy: username, recordedAt: now())
                try record.insert(db)
                let actor = Actor(username: username, at: record.recordedAt, reason: "\(kind.name) of \(holder.name), valid until \(new.expires)")
                try AuditTrail.recordInsert(db, .certification, key: String(record.id ?? 0), action: "certification.add", by: actor)
                guard let view = try certificationViews(db, [record]).first else {
                    throw GembaError(.integrity, "certificate \(record.id ?? 0) cannot be read back; run `gemba verify`")
                }
                return view
            }
        }
    }

    /// Certificates, by person and kind; without `includeRenewed` only each person's newest per kind.
    public func certifications(user: String? = nil, includeRenewed: Bool = false) throws -> [CertificationView] {
        try store.read { db in
            var request = CertificationRecord.order(Column("username"), Column("kind"), Column("issued_on"), Column("id"))
            if let user {
                guard try UserRecord.fetchOne(db, key: user) != nil else {
                    throw GembaError.notFound("no user \(user); `gemba user list` shows the users")
                }
                request = request.filter(Column("username") == user)
            }
            let views = try certificationViews(db, try request.fetchAll(db))
            return includeRenewed ? views : views.filter { $0.status != "renewed" }
        }
    }

    /// Current certificates of active people that are expired or expire within `days` (by
    /// default each kind's `renewal_warning_days`), soonest first.
    ///
    /// Only the certificates that can be due are read: each active person's newest per kind that
    /// expires within the widest window. `status` runs this on every dashboard change, and a
    /// plant has a few certificates per person.
    public func certificationsDue(withinDays days: Int? = nil) throws -> [CertificationView] {
        let policy = try trainingPolicy()
        let widest = days ?? policy.certifications.values.map(\.renewalWarningDays).max() ?? 0
        // A day more than the widest window: the views below read the day again (midnight may
        // pass in between), and the filter after them is exact.
        let last = today().addingDays(max(widest, 0) + 1).description
        let views = try store.read { db in
            let records = try CertificationRecord.fetchAll(db.cachedStatement(sql: """
                SELECT c.* FROM certification c JOIN user u ON u.username = c.username AND u.active = 1
                WHERE c.expires_on <= ? AND NOT EXISTS (
                    SELECT 1 FROM certification n WHERE n.username = c.username AND n.kind = c.kind
                    AND (n.issued_on > c.issued_on OR (n.issued_on = c.issued_on AND n.id > c.id)))
                """), arguments: [last])
            return try certificationViews(db, records)
        }
        return views.filter { view in
            let window = days ?? policy.certifications[view.kind]?.renewalWarningDays ?? 0
            return view.daysOverdue >= -window
        }.sorted { ($0.expiresOn, $0.username, $0.kind) < ($1.expiresOn, $1.username, $1.kind) }
    }

    func certificationViews(_ db: Database, _ records: [CertificationRecord]) throws -> [CertificationView] {
        if records.isEmpty { return [] }
        let policy = try trainingPolicy(db)
        let names = try peopleNames(db)
        let today = today()
        let renewals = try db.cachedStatement(sql: """
            SELECT count(*) FROM certification WHERE username = ? AND kind = ? AND (issued_on > ? OR (issued_on = ? AND id > ?))
            """)
        return try records.map { record in
            let newer = try Int.fetchOne(renewals, arguments: [record.username, record.kind, record.issuedOn, record.issuedOn, record.id ?? 0]) ?? 0
            let kind = policy.certifications[record.kind]
            let late = Day(record.expiresOn).map { $0.days(until: today) } ?? 0
            let status = newer > 0 ? "renewed" : late > 0 ? "expired" : late >= -(kind?.renewalWarningDays ?? 0) ? "renewal due" : "valid"
            return CertificationView(
                id: record.id ?? 0, username: record.username, name: names[record.username] ?? record.username, kind: record.kind,
                kindName: kind?.name ?? record.kind, issuedOn: record.issuedOn, expiresOn: record.expiresOn, reference: record.reference,
                recordedBy: record.recordedBy, recordedAt: Timestamp.string(record.recordedAt), status: status, daysOverdue: late)
        }
    }
}
