import Foundation
import GembaKit

/// Links into the register.
enum DocumentLink {
    /// `/documents/SOP-0007?rev=C`
    static func href(_ document: String, revision: String?) -> String {
        "/documents/\(document.urlPathEncoded)" + (revision.map { "?rev=\($0.urlPathEncoded)" } ?? "")
    }
}

/// "3 d late", "due today", "in 5 d" from days overdue.
enum DueText {
    static func days(_ daysOverdue: Int) -> String {
        daysOverdue > 0 ? "\(daysOverdue) d late" : daysOverdue == 0 ? "due today" : "in \(-daysOverdue) d"
    }
}

/// Pieces of server-chosen download names.
enum DownloadName {
    /// Letters, digits, `-` and `_` only, at most 40 characters.
    static func part(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" }.prefix(40))
    }
}
