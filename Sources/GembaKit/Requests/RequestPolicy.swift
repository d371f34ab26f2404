import Foundation
import Yams

/// The type of one field of a request (policies/requests.yaml).
public enum RequestFieldType: String, Sendable, Codable, CaseIterable {
    case text, number, day, user, area, choice, certifications
}

/// One field a request of a kind carries.
public struct RequestField: Sendable, Equatable, Codable {
    public let name: String
    public let type: RequestFieldType
    public let optional: Bool
    /// For `choice`: the allowed values.
    public let options: [String]
}

/// What a contractor must have before their access is approved.
public struct ContractorAccessRule: Sendable, Equatable, Codable {
    /// Documents whose effective revision the contractor must have signed "read and understood".
    public let inductionDocuments: [String]
    /// Certification kinds (policies/training.yaml) valid on every access day.
    public let certifications: [String]
}

/// A kind of administrative request: who approves it, how long it may take, what it says.
public struct RequestKind: Sendable, Equatable, Codable {
    public let code: String
    public let name: String
    public let approverRole: String
    public let fulfillerRole: String
    public let dueDays: Int
    public let fields: [RequestField]
    public let contractorAccess: ContractorAccessRule?
}

/// What an onboarding plan holds for holders of one role.
public struct OnboardingRole: Sendable, Equatable, Codable {
    public let certifications: [String]
    public let systems: [String]
}

public struct OnboardingPolicy: Sendable, Equatable, Codable {
    public let systemAccessKind: String
    public let certificationDueDays: Int
    public let roles: [String: OnboardingRole]
}

/// The rules of the request queue and onboarding, from `policies/requests.yaml`.
public struct RequestPolicy: Sendable, Equatable {
    public static let fileName = "requests.yaml"

    public let kinds: [String: RequestKind]
    public let agingBuckets: [Int]
    public let onboarding: OnboardingPolicy?

    public func kind(_ code: String) throws -> RequestKind {
        guard let kind = kinds[code] else {
            throw GembaError.invalid("unknown request kind '\(code)'; policies/requests.yaml defines \(kinds.keys.sorted().joined(separator: ", "))")
        }
        return kind
    }

    /// Parses the file and checks it against the register's roles and training policy.
    static func parse(_ data: Data, file: String = "policies/\(fileName)", roles: Set<String>, training: TrainingPolicy) throws -> RequestPolicy {
        let doc = try YAMLDocument(file: file, data: data)
        try doc.allowOnly(doc.root, ["kinds", "aging_buckets", "onboarding"])
        func role(_ node: Node, _ key: String) throws -> String {
            let name = try doc.string(node, key)
            guard roles.contains(name) else {
                throw doc.error(try doc.child(node, key), "\(key) '\(name)' is not a role of roles.yaml (\(roles.sorted().joined(separator: ", ")))")
            }
            return name
        }
        func certificationKinds(_ node: Node, _ key: String) throws -> [String] {
            let kinds = try doc.mapping(node, "entry")[key] == nil ? [] : try doc.strings(node, key)
            for kind in kinds where training.certifications[kind] == nil {
                throw doc.error(try doc.child(node, key), "unknown certification kind '\(kind)'; policies/training.yaml defines \(training.certifications.keys.sorted().joined(separator: ", "))")
            }
            return kinds
        }
        var kinds: [String: RequestKind] = [:]
        for (code, keyNode, node) in try doc.entries(doc.child(doc.root, "kinds"), "kinds") {
            guard code.wholeMatch(of: /[a-z][a-z0-9\-]{0,39}/) != nil else {
                throw doc.error(keyNode, "request kind '\(code)' must be lowercase letters, digits or '-'")
            }
            try doc.allowOnly(node, ["name", "approver_role", "fulfiller_role", "due_days", "fields", "contractor_access"])
            let fields = try doc.entries(doc.child(node, "fields"), "fields").map { try field($0.key, $0.keyNode, $0.value, doc) }
            guard !fields.isEmpty else { throw doc.error(try doc.child(node, "fields"), "kind \(code) needs at least one field") }
            var access: ContractorAccessRule?
            if let rule = try doc.mapping(node, "kind")["contractor_access"] {
                try doc.allowOnly(rule, ["induction_documents", "certifications"])
                for (name, type) in [("contractor", RequestFieldType.user), ("from", .day), ("to", .day), ("escort", .user)]
                where !fields.contains(where: { $0.name == name && $0.type == type && !$0.optional }) {
                    throw doc.error(rule, "kind \(code): contractor access needs the field \(name) of type \(type.rawValue)")
                }
                access = ContractorAccessRule(inductionDocuments: try doc.strings(rule, "induction_documents").map { $0.uppercased() },
                                              certifications: try certificationKinds(rule, "certifications"))
            }
            let approver = try role(node, "approver_role")
            kinds[code] = RequestKind(
                code: code, name: try doc.string(node, "name"), approverRole: approver,
                fulfillerRole: try doc.mapping(node, "kind")["fulfiller_role"] == nil ? approver : try role(node, "fulfiller_role"),
                dueDays: try doc.int(node, "due_days", range: 0...365), fields: fields, contractorAccess: access)
        }
        guard !kinds.isEmpty else { throw doc.error(doc.root, "kinds must name at least one request kind") }
        let buckets = try doc.sequence(doc.root, "aging_buckets").map { item -> Int in
            guard let days = item.int, days > 0 else { throw doc.error(item, "aging_buckets must list whole numbers of days above 0") }
            return days
        }
        guard !buckets.isEmpty, buckets == buckets.sorted(), Set(buckets).count == buckets.count else {
            throw doc.error(try doc.child(doc.root, "aging_buckets"), "aging_buckets must list rising day counts")
        }
        var onboarding: OnboardingPolicy?
        if let node = try doc.mapping(doc.root, "requests.yaml")["onboarding"] {
            try doc.allowOnly(node, ["system_access_kind", "certification_due_days", "roles"])
            let kindCode = try doc.string(node, "system_access_kind")
            guard let kind = kinds[kindCode] else { throw doc.error(try doc.child(node, "system_access_kind"), "system_access_kind '\(kindCode)' is not one of kinds") }
            let required = kind.fields.filter { !$0.optional }.map(\.name).sorted()
            guard kind.fields.contains(where: { $0.name == "person" && $0.type == .user }), kind.fields.contains(where: { $0.name == "system" && $0.type == .text }),
                Set(required).isSubset(of: ["person", "system"])
            else {
                throw doc.error(try doc.child(node, "system_access_kind"), "kind \(kindCode) must have the fields person (user) and system (text), and no other required field")
            }
            var perRole: [String: OnboardingRole] = [:]
            for (name, keyNode, entry) in try doc.entries(doc.child(node, "roles"), "onboarding.roles") {
                guard roles.contains(name) else { throw doc.error(keyNode, "unknown role '\(name)'; roles.yaml defines \(roles.sorted().joined(separator: ", "))") }
                try doc.allowOnly(entry, ["certifications", "systems"])
                let systems = try doc.mapping(entry, "role")["systems"] == nil ? [] : try doc.strings(entry, "systems")
                perRole[name] = OnboardingRole(certifications: try certificationKinds(entry, "certifications"), systems: systems)
            }
            onboarding = OnboardingPolicy(
                systemAccessKind: kindCode, certificationDueDays: try doc.int(node, "certification_due_days", range: 0...365), roles: perRole)
        }
        return RequestPolicy(kinds: kinds, agingBuckets: buckets, onboarding: onboarding)
    }

    private static func field(_ name: String, _ keyNode: Node, _ node: Node, _ doc: YAMLDocument) throws -> RequestField {
        guard name.wholeMatch(of: /[a-z][a-z0-9_]{0,39}/) != nil else {
            throw doc.error(keyNode, "field '\(name)' must be lowercase letters, digits or '_'")
        }
        func type(_ text: String?, _ at: Node) throws -> RequestFieldType {
            guard let text, let type = RequestFieldType(rawValue: text) else {
                throw doc.error(at, "field \(name): unknown type '\(text ?? "?")' (expected \(RequestFieldType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return type
        }
        if let scalar = node.scalar {
            let fieldType = try type(scalar.string, node)
            guard fieldType != .choice else { throw doc.error(node, "field \(name): a choice needs options: {type: choice, options: [...]}") }
            return RequestField(name: name, type: fieldType, optional: false, options: [])
        }
        try doc.allowOnly(node, ["type", "optional", "options"])
        let fieldType = try type(try doc.string(node, "type"), try doc.child(node, "type"))
        let optional = try doc.mapping(node, "field")["optional"] == nil ? false : try doc.bool(node, "optional")
        let options = try doc.mapping(node, "field")["options"] == nil ? [] : try doc.strings(node, "options")
        guard (fieldType == .choice) == !options.isEmpty else {
            throw doc.error(node, "field \(name): options belong to (and are needed by) type choice")
        }
        return RequestField(name: name, type: fieldType, optional: optional, options: options)
    }
}

extension Register {
    /// The request rules in force: `policies/requests.yaml` on main.
    public func requestPolicy() throws -> RequestPolicy {
        try store.read { db in
            let tree = try repository.commit(try recordedMain(db)).tree
            guard let entry = try repository.entry(atPath: "policies/\(RequestPolicy.fileName)", inTree: tree) else {
                throw GembaError(.policy, "this register has no policies/requests.yaml; it was created before requests existed")
            }
            // Parsed once per blob of requests.yaml and of training.yaml, which it refers to.
            let training = try repository.entry(atPath: "policies/\(TrainingPolicy.fileName)", inTree: tree)?.id.hex ?? "none"
            return try parsedPolicies.value("\(RequestPolicy.fileName) with training.yaml \(training)", blob: entry.id) {
                try RequestPolicy.parse(try repository.blob(entry.id), roles: Set(policies.roles.keys), training: try trainingPolicy(db))
            }
        }
    }
}
