import Foundation

/// What a finding grade needs and its due windows (policies/capa.yaml).
public struct GradeRule: Sendable, Equatable {
    public let capaRequired: Bool
    public let containmentRequired: Bool
    public let planDays: Int
    public let completeDays: Int
    public let effectivenessCheckDays: Int
}

/// The rules of audits and corrective actions, from `policies/capa.yaml`.
public struct CAPAPolicy: Sendable, Equatable {
    public static let fileName = "capa.yaml"

    public let grades: [FindingGrade: GradeRule]
    public let closureRole: String
    public let dueSoonDays: Int

    public func rule(_ grade: FindingGrade) -> GradeRule {
        grades[grade] ?? CAPAPolicy.standard.grades[grade] ?? GradeRule(
            capaRequired: true, containmentRequired: true, planDays: 30, completeDays: 90, effectivenessCheckDays: 60)
    }

    /// The rules used when a register has no `policies/capa.yaml` (one created before audits
    /// and CAPA existed): the same as the shipped file.
    public static let standard = CAPAPolicy(
        grades: [
            .major: GradeRule(capaRequired: true, containmentRequired: true, planDays: 30, completeDays: 90, effectivenessCheckDays: 60),
            .minor: GradeRule(capaRequired: true, containmentRequired: true, planDays: 60, completeDays: 120, effectivenessCheckDays: 90),
            .observation: GradeRule(capaRequired: false, containmentRequired: false, planDays: 90, completeDays: 180, effectivenessCheckDays: 90),
            .ofi: GradeRule(capaRequired: false, containmentRequired: false, planDays: 90, completeDays: 180, effectivenessCheckDays: 90),
        ],
        closureRole: "quality", dueSoonDays: 14)

    /// Parses the policy file; every problem names the file and line.
    public static func parse(_ data: Data, file: String = "policies/\(fileName)", roles: Set<String>) throws -> CAPAPolicy {
        let doc = try YAMLDocument(file: file, data: data)
        try doc.allowOnly(doc.root, ["grades", "closure_role", "due_soon_days"])
        let gradesNode = try doc.child(doc.root, "grades")
        var grades: [FindingGrade: GradeRule] = [:]
        for (key, keyNode, node) in try doc.entries(gradesNode, "grades") {
            guard let grade = FindingGrade(rawValue: key) else {
                throw doc.error(keyNode, "unknown grade '\(key)' (expected \(FindingGrade.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            try doc.allowOnly(node, ["capa_required", "containment_required", "plan_days", "complete_days", "effectiveness_check_days"])
            let plan = try doc.int(node, "plan_days", range: 1...730)
            let complete = try doc.int(node, "complete_days", range: 1...1460)
            guard complete >= plan else {
                throw doc.error(try doc.child(node, "complete_days"), "grade \(key): complete_days (\(complete)) must not be shorter than plan_days (\(plan))")
            }
            grades[grade] = GradeRule(
                capaRequired: try doc.bool(node, "capa_required"), containmentRequired: try doc.bool(node, "containment_required"),
                planDays: plan, completeDays: complete, effectivenessCheckDays: try doc.int(node, "effectiveness_check_days", range: 1...730))
        }
        for grade in FindingGrade.allCases where grades[grade] == nil {
            throw doc.error(gradesNode, "grade '\(grade.rawValue)' (\(grade.name)) is missing")
        }
        let role = try doc.string(doc.root, "closure_role")
        guard roles.contains(role) else {
            throw doc.error(try doc.child(doc.root, "closure_role"), "closure_role '\(role)' is not a role of roles.yaml (\(roles.sorted().joined(separator: ", ")))")
        }
        return CAPAPolicy(grades: grades, closureRole: role, dueSoonDays: try doc.int(doc.root, "due_soon_days", range: 1...365))
    }
}

extension Register {
    /// The register's CAPA rules: `policies/capa.yaml` on main, or the standard rules if it has none.
    public func capaPolicy() throws -> CAPAPolicy {
        guard let data = try policyFile(CAPAPolicy.fileName) else { return .standard }
        return try CAPAPolicy.parse(data, roles: Set(policies.roles.keys))
    }
}
