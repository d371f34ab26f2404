import Foundation

/// What a signature means (21 CFR 11.50(a)(3)).
public enum SignatureMeaning: String, Codable, Sendable, CaseIterable {
    case authored, reviewed, approved, responsibility, rejected
}

public struct Role: Sendable, Equatable {
    public let name: String
    public let description: String
    public let permissions: Set<Permission>
}

/// Operations guarded by a role (21 CFR 11.10(g) authority checks).
public enum Permission: String, Sendable, CaseIterable {
    case documentCreate = "document.create"
    case documentRevise = "document.revise"
    case documentObsolete = "document.obsolete"
    /// Bring documents approved on paper in as effective (`gemba doc import`).
    case documentImport = "document.import"
    case reviewStart = "review.start"
    case reviewConclude = "review.conclude"
    case userManage = "user.manage"
    case trainingManage = "training.manage"
    case auditManage = "audit.manage"
    case capaManage = "capa.manage"
    case meetingManage = "meeting.manage"
    case dataImport = "data.import"
    case scheduleManage = "schedule.manage"
}

public struct DocumentType: Sendable, Equatable {
    public let code: String
    public let name: String
    public let prefix: String
    public let numberWidth: Int
    public let reviewIntervalMonths: Int
    public let route: String
    public let trainingRequired: Bool
    public let fileKinds: [String]
    public let retentionYears: Int

    public func documentID(number: Int) -> String {
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, numberWidth - digits.count)) + digits
    }
}

public struct RouteStep: Sendable, Equatable, Codable {
    public let name: String
    public let role: String
    public let signatures: Int
    public let dueDays: Int
    public let meaning: SignatureMeaning
}

public struct ApprovalRoute: Sendable, Equatable {
    public let name: String
    public let steps: [RouteStep]
}

public struct RegisterSettings: Sendable, Equatable {
    public var authorMaySignOwnRevision: Bool
    public var maxFailedAttempts: Int
    public var passwordMinLength: Int
    /// Days after which a password must be changed before its owner signs again; 0 = never.
    public var passwordMaxAgeDays: Int
    public var scrypt: ScryptParameters
    public var dueSoonDays: Int
    /// Minutes without a request after which a web session ends (`web.session_idle_minutes`).
    public var sessionIdleMinutes: Int
    /// The largest upload the web app accepts, in MiB (`web.max_upload_mb`).
    public var maxUploadMegabytes: Int
}

public struct ScryptParameters: Sendable, Equatable {
    public var n: Int
    public var r: Int
    public var p: Int
}

/// The register's rules, read from the YAML files under `policies/`.
public struct Policies: Sendable {
    public static let fileNames = ["roles.yaml", "document-types.yaml", "approval-routes.yaml", "register.yaml"]

    public let roles: [String: Role]
    public let documentTypes: [DocumentType]
    public let routes: [String: ApprovalRoute]
    public let settings: RegisterSettings

    public func documentType(_ code: String) throws -> DocumentType {
        guard let type = documentTypes.first(where: { $0.code == code.uppercased() }) else {
            throw GembaError.invalid(
                "unknown document type '\(code)'; policies/document-types.yaml defines \(documentTypes.map(\.code).joined(separator: ", "))")
        }
        return type
    }

    /// The type whose ID prefix and number width match a document ID such as `SOP-0007`.
    public func documentType(forID id: String) -> DocumentType? {
        documentTypes.first { type in
            id.hasPrefix(type.prefix) && id.dropFirst(type.prefix.count).allSatisfy(\.isASCIIDigit)
                && id.count > type.prefix.count
        }
    }

    public func route(for type: DocumentType) throws -> ApprovalRoute {
        guard let route = routes[type.route] else {
            throw GembaError(.policy, "policies/document-types.yaml: type \(type.code) names route '\(type.route)', which approval-routes.yaml does not define")
        }
        return route
    }

    public func permissions(ofRoles names: [String]) -> Set<Permission> {
        names.reduce(into: Set<Permission>()) { result, name in
            result.formUnion(roles[name]?.permissions ?? [])
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
