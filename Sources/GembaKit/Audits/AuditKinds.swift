import Foundation

public enum AuditKind: String, Codable, Sendable, CaseIterable {
    case `internal`, surveillance, certification, supplier, customer, safety
}

/// `planned -> in_progress -> report_issued -> closed` (21 CFR 11.10(f): in this order only).
public enum AuditStatus: String, Codable, Sendable, CaseIterable {
    case planned
    case inProgress = "in_progress"
    case reportIssued = "report_issued"
    case closed
}

/// How serious a finding is, most serious first.
public enum FindingGrade: String, Codable, Sendable, CaseIterable, Comparable {
    case major, minor, observation, ofi

    public var name: String {
        switch self {
        case .major: "major nonconformity"
        case .minor: "minor nonconformity"
        case .observation: "observation"
        case .ofi: "opportunity for improvement"
        }
    }

    private var severity: Int { FindingGrade.allCases.firstIndex(of: self) ?? 0 }

    /// `major < minor`: the more serious grade sorts first.
    public static func < (lhs: FindingGrade, rhs: FindingGrade) -> Bool { lhs.severity < rhs.severity }

    static func parse(_ text: String) throws -> FindingGrade {
        guard let grade = FindingGrade(rawValue: text.lowercased()) else {
            throw GembaError.invalid("grade '\(text)' must be one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return grade
    }
}

public enum ChecklistResult: String, Codable, Sendable, CaseIterable {
    case conform, nonconform, na
}
