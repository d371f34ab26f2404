import Foundation
import Yams

/// A kind of certificate a person can hold (forklift, LOTO authorised, first aid...).
public struct CertificationKind: Sendable, Equatable, Codable {
    public let code: String
    public let name: String
    /// `gemba cert due` lists a certificate this many days before it expires.
    public let renewalWarningDays: Int
}

/// The training rules of a register, read from `policies/training.yaml`.
public struct TrainingPolicy: Sendable, Equatable {
    public static let fileName = "training.yaml"

    /// Per document type, the roles whose holders must read a revision that needs training.
    public let documentTypes: [String: [String]]
    /// Days after the effective date an assignment is due (0 = by the effective date).
    public let dueDays: Int
    /// Days a person newly required to read an effective document has to read it.
    public let newRoleDueDays: Int
    public let minorChangesNeedTraining: Bool
    /// The plant's areas and lines; empty when the policy names none (any plain name is accepted).
    public let areas: [String]
    public let certifications: [String: CertificationKind]

    /// The rules of a register without `training.yaml`: nobody must read anything.
    public static let none = TrainingPolicy(
        documentTypes: [:], dueDays: 0, newRoleDueDays: 30, minorChangesNeedTraining: false, areas: [], certifications: [:])

    public func certificationKind(_ code: String) throws -> CertificationKind {
        guard let kind = certifications[code] else {
            let known = certifications.keys.sorted().joined(separator: ", ")
            throw GembaError.invalid("unknown certification kind '\(code)'; policies/training.yaml defines \(known.isEmpty ? "none" : known)")
        }
        return kind
    }

    /// Checks an area name against the policy's list (or, without a list, its form).
    public func checkArea(_ area: String) throws {
        if areas.isEmpty {
            guard area.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9_\-]{0,31}/) != nil else {
                throw GembaError.invalid("area '\(area)' must be 1-32 letters, digits, '-' or '_'")
            }
        } else if !areas.contains(area) {
            throw GembaError.invalid("unknown area '\(area)'; policies/training.yaml defines \(areas.joined(separator: ", "))")
        }
    }

    /// Parses and cross-checks the file against the register's roles and document types.
    public static func load(data: Data, file: String = "policies/\(fileName)", policies: Policies) throws -> TrainingPolicy {
        let doc = try YAMLDocument(file: file, data: data)
        try doc.allowOnly(doc.root, ["document_types", "due_days", "new_role_due_days", "minor_changes_need_training", "areas", "certifications"])
        var types: [String: [String]] = [:]
        for (code, keyNode, node) in try doc.entries(doc.child(doc.root, "document_types"), "document_types") {
            guard let type = policies.documentTypes.first(where: { $0.code == code }) else {
                throw doc.error(keyNode, "unknown document type '\(code)'; document-types.yaml defines \(policies.documentTypes.map(\.code).joined(separator: ", "))")
            }
            guard type.trainingRequired else {
                throw doc.error(keyNode, "type \(code) has training_required: false in document-types.yaml; remove it here or set it to true there")
            }
            guard let list = node.sequence else { throw doc.error(node, "document_types.\(code) must be a list of roles") }
            let roles = try list.map { item -> String in
                guard let role = item.scalar?.string, policies.roles[role] != nil else {
                    throw doc.error(item, "document_types.\(code): unknown role '\(item.scalar?.string ?? "?")'; roles.yaml defines \(policies.roles.keys.sorted().joined(separator: ", "))")
                }
                return role
            }
            types[code] = Array(Set(roles)).sorted()
        }
        let areas = try doc.mapping(doc.root, "training.yaml")["areas"] == nil ? [] : try doc.strings(doc.root, "areas")
        for area in areas where area.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9_\-]{0,31}/) == nil {
            throw doc.error(try doc.child(doc.root, "areas"), "area '\(area)' must be 1-32 letters, digits, '-' or '_'")
        }
        guard Set(areas).count == areas.count else { throw doc.error(try doc.child(doc.root, "areas"), "areas lists a name twice") }
        var kinds: [String: CertificationKind] = [:]
        if try doc.mapping(doc.root, "training.yaml")["certifications"] != nil {
            for (code, keyNode, node) in try doc.entries(doc.child(doc.root, "certifications"), "certifications") {
                guard code.wholeMatch(of: /[a-z][a-z0-9\-]{0,39}/) != nil else {
                    throw doc.error(keyNode, "certification kind '\(code)' must be lowercase letters, digits or '-'")
                }
                try doc.allowOnly(node, ["name", "renewal_warning_days"])
                kinds[code] = CertificationKind(
                    code: code, name: try doc.string(node, "name"), renewalWarningDays: try doc.int(node, "renewal_warning_days", range: 0...730))
            }
        }
        return TrainingPolicy(
            documentTypes: types, dueDays: try doc.int(doc.root, "due_days", range: 0...365),
            newRoleDueDays: try doc.optionalInt(doc.root, "new_role_due_days", range: 0...365) ?? 30,
            minorChangesNeedTraining: try doc.bool(doc.root, "minor_changes_need_training"), areas: areas, certifications: kinds)
    }
}
