import Foundation
import GembaKit

/// Reading days, choices and people from the address and from forms, for the operations pages
/// (briefing, meetings, actions, KPIs, schedule).
extension PageRequest {
    /// A day in the query (`?date=2026-03-02`): nil when absent, refused when it is not a date.
    func queryDay(_ name: String) throws -> Day? {
        guard let text = query(name) else { return nil }
        guard let day = Day(text) else { throw WebError.badRequest("\(name) must be a date YYYY-MM-DD, not '\(text)'") }
        return day
    }
}

extension FormInput {
    /// An optional day field (YYYY-MM-DD, as a date input sends it).
    func day(_ name: String, label: String) throws -> Day? {
        guard let text = optional(name) else { return nil }
        guard let day = Day(text) else { throw WebError.badRequest("\(label) must be a date YYYY-MM-DD, not '\(text)'") }
        return day
    }

    /// A day field that must be filled in.
    func requiredDay(_ name: String, label: String) throws -> Day {
        guard let day = try day(name, label: label) else { throw WebError.badRequest("\(label) is required") }
        return day
    }

    /// An optional choice among an enum's raw values; refused when it is not one of them.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, label: String) throws -> T? where T.RawValue == String {
        guard let text = optional(name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw WebError.badRequest("\(label) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
        }
        return value
    }

    /// A comma-separated list field (`L1, L2`); nil when empty.
    func list(_ name: String) -> [String]? {
        guard let text = optional(name) else { return nil }
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return items.isEmpty ? nil : items
    }
}

/// An `<option>` of a `<select>`.
struct ChoiceOption {
    let value: String
    let label: String
    let selected: Bool

    /// Options for the values, with a first blank one labelled `none` when given.
    static func list(_ values: [(String, String)], selected: String?, none: String? = nil) -> [ChoiceOption] {
        (none.map { [ChoiceOption(value: "", label: $0, selected: selected == nil || selected == "")] } ?? [])
            + values.map { ChoiceOption(value: $0.0, label: $0.1, selected: $0.0 == selected) }
    }

    /// The register's active people as options (`Ada Admin (ada)`).
    static func people(_ register: Register, selected: String?, none: String? = nil) throws -> [ChoiceOption] {
        list(try register.users().filter(\.active).map { ($0.username, "\($0.name) (\($0.username))") }, selected: selected, none: none)
    }
}

/// `2026-03-02T09:00:00Z` as `2026-03-02 09:00:00 UTC`.
func readableTime(_ text: String) -> String {
    text.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
}
