import Foundation
import GembaKit

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
    static func staff(_ register: Register, selected: String? = nil) throws -> [ChoiceOption] {
        try register.users().filter { $0.active && !$0.roles.contains(Register.assessorRole) }.map { person in
            ChoiceOption(value: person.username, label: "\(person.name) (\(person.username))", selected: person.username == selected)
        }
    }
}
