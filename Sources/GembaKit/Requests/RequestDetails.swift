import Foundation
import GRDB

extension Register {
    /// Checks the given fields against the kind's: every required field present, no unknown
    /// field, every value of its type. Returns the values as stored (trimmed, normalised).
    func checkedDetails(_ db: Database, _ kind: RequestKind, _ given: [String: String], training: TrainingPolicy) throws -> [String: String] {
        for name in given.keys.sorted() where !kind.fields.contains(where: { $0.name == name }) {
            throw GembaError.invalid("a \(kind.name.lowercased()) has no field '\(name)'; its fields are \(kind.fields.map(\.name).joined(separator: ", ")) (policies/requests.yaml)")
        }
        var details: [String: String] = [:]
        for field in kind.fields {
            let raw = given[field.name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if raw.isEmpty {
                guard field.optional else {
                    throw GembaError.invalid("a \(kind.name.lowercased()) needs --field \(field.name)=... (\(field.type.rawValue))")
                }
                continue
            }
            details[field.name] = try checkedValue(db, field, raw, training: training)
        }
        if kind.contractorAccess != nil { try checkAccessWindow(details) }
        return details
    }

    private func checkedValue(_ db: Database, _ field: RequestField, _ raw: String, training: TrainingPolicy) throws -> String {
        let name = "--field \(field.name)"
        switch field.type {
        case .text:
            return try AuditText.line(raw, name, max: 200)
        case .number:
            guard let number = Double(raw), number.isFinite, number >= 0 else { throw GembaError.invalid("\(name) must be a number of 0 or more, not '\(raw)'") }
            return raw
        case .day:
            guard let day = Day(raw) else { throw GembaError.invalid("\(name) '\(raw)' is not a date YYYY-MM-DD") }
            return day.description
        case .user:
            return try activeUser(db, raw).username
        case .area:
            try training.checkArea(raw)
            return raw
        case .choice:
            guard field.options.contains(raw) else { throw GembaError.invalid("\(name) must be one of \(field.options.joined(separator: ", ")), not '\(raw)'") }
            return raw
        case .certifications:
            let kinds = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for kind in kinds { _ = try training.certificationKind(kind) }
            return Set(kinds).sorted().joined(separator: ",")
        }
    }

    /// Contractor access: from on or before to, and not over before it starts.
    private func checkAccessWindow(_ details: [String: String]) throws {
        guard let from = details["from"].flatMap(Day.init), let to = details["to"].flatMap(Day.init) else { return }
        guard from <= to else { throw GembaError.invalid("--field from=\(from) is after --field to=\(to)") }
        guard to >= today() else { throw GembaError.invalid("the access window ends on \(to), before today (\(today())); ask for dates to come") }
        if let contractor = details["contractor"], contractor == details["escort"] {
            throw GembaError.invalid("the escort must be someone other than the contractor \(contractor)")
        }
    }

    /// The details as stored: a JSON object with sorted keys.
    static func encodeDetails(_ details: [String: String]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: details, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
