import Foundation
import GembaKit

/// A choice of a `<select>`: value, label, whether chosen.
typealias FormOption = DocumentListModel.Option

/// Dates typed into forms.
enum FormDay {
    static func optional(_ form: FormInput, _ name: String, label: String) throws -> Day? {
        guard let text = form.optional(name) else { return nil }
        guard let day = Day(text) else { throw WebError.badRequest("\(label) must be a date YYYY-MM-DD") }
        return day
    }

    static func required(_ form: FormInput, _ name: String, label: String) throws -> Day {
        guard let day = try optional(form, name, label: label) else { throw WebError.badRequest("\(label) is required") }
        return day
    }
}

/// Lists typed into one form field.
enum FormList {
    /// `SOP-0012/C, WI-0003 L1` as items: split at commas and white space.
    static func items(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
    }

    /// One item per line, trimmed, empty lines left out.
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// People to choose in forms: active accounts, assessors left out.
enum PeopleOptions {
    static func staff(_ register: Register, selected: String? = nil) throws -> [FormOption] {
        try register.users().filter { $0.active && !$0.roles.contains(Register.assessorRole) }.map { person in
            FormOption(value: person.username, label: "\(person.name) (\(person.username))", selected: person.username == selected)
        }
    }
}
