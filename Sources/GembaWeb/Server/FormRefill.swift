import Foundation
import GembaKit

/// What someone typed into a form the server refused, put back into the same form when its page
/// is shown again with the reason on top, so that nobody types a long comment twice. Passwords,
/// the CSRF token and the return path are never kept; files cannot be put back by a server.
struct FormRefill: Sendable, Equatable {
    /// The path the form was posted to: its `action`.
    let action: String
    let fields: [String: [String]]

    /// Nil when nothing typed is worth putting back.
    init?(action: String, form: FormInput) {
        let kept = form.fields.filter { name, _ in !Self.neverKept(name) }
        guard !kept.isEmpty else { return nil }
        self.action = action
        fields = kept
    }

    /// Secrets, the token, the return path, and `confirm`: the box by which a signer attests
    /// what they sign (21 CFR 11.50) is ticked anew at every signing, never by the server.
    static func neverKept(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "csrf" || lower == "return" || lower == "confirm" || lower.contains("password") || lower.contains("secret")
    }

    /// The page with the values put back into the form that was sent: the POST form posting to
    /// `action` whose hidden fields (other than the token and the return path) hold what was
    /// sent, so that of several forms to one path (a finding's "raise a CAPA" among others, the
    /// "effective" and "not effective" signatures) only the refused one is filled. Text-like
    /// inputs get their `value`, text areas their text, check boxes and radio buttons their
    /// state, and lists their selection; hidden, password and file inputs keep what the page
    /// gave them.
    func apply(to html: String) -> String {
        var output = ""
        output.reserveCapacity(html.utf8.count + 256)
        var rest = html[...]
        while let start = rest.range(of: "<form") {
            output += rest[..<start.lowerBound]
            guard let tagEnd = Self.endOfTag(rest, from: start.lowerBound),
                  let close = rest.range(of: "</form>", range: tagEnd..<rest.endIndex) else {
                rest = rest[start.lowerBound...]
                break
            }
            let formTag = rest[start.lowerBound..<tagEnd]
            let body = rest[tagEnd..<close.lowerBound]
            output += formTag
            output += isTheSentForm(formTag, body) ? refill(body) : String(body)
            output += rest[close]
            rest = rest[close.upperBound...]
        }
        output += rest
        return output
    }

    private func isTheSentForm(_ formTag: Substring, _ body: Substring) -> Bool {
        let attributes = Self.attributes(of: formTag)
        guard Self.tagName(formTag) == "form", attributes.first(where: { $0.name == "method" })?.value?.lowercased() == "post",
              attributes.first(where: { $0.name == "action" })?.value.map(Self.unescape) == action else { return false }
        var rest = body
        while let open = rest.range(of: "<input") {
            guard let end = Self.endOfTag(rest, from: open.lowerBound) else { return false }
            let input = Self.attributes(of: rest[open.lowerBound..<end])
            rest = rest[end...]
            guard input.first(where: { $0.name == "type" })?.value?.lowercased() == "hidden",
                  let name = input.first(where: { $0.name == "name" })?.value.map(Self.unescape), !Self.neverKept(name) else { continue }
            let value = input.first(where: { $0.name == "value" })?.value.map(Self.unescape) ?? ""
            if fields[name]?.contains(value) != true { return false }
        }
        return true
    }

    // MARK: Inside one form

    private func refill(_ body: Substring) -> String {
        var output = ""
        var used: [String: Int] = [:]
        var select: String?
        var rest = body
        while let open = rest.firstIndex(of: "<") {
            output += rest[..<open]
            guard let end = Self.endOfTag(rest, from: open) else {
                rest = rest[open...]
                break
            }
            let tag = rest[open..<end]
            let tagName = Self.tagName(tag)
            rest = rest[end...]
            switch tagName {
            case "input":
                output += input(tag, used: &used)
            case "textarea":
                guard let name = Self.attributes(of: tag).first(where: { $0.name == "name" })?.value.map(Self.unescape),
                      let close = rest.range(of: "</textarea>"), let value = next(name, used: &used) else {
                    output += tag
                    continue
                }
                output += tag
                output += MarkdownHTML.escape(value)
                rest = rest[close.lowerBound...]
            case "select":
                select = Self.attributes(of: tag).first(where: { $0.name == "name" })?.value.map(Self.unescape)
                output += tag
            case "/select":
                select = nil
                output += tag
            case "option":
                guard let select, let values = fields[select] else {
                    output += tag
                    continue
                }
                var attributes = Self.attributes(of: tag)
                let value = attributes.first(where: { $0.name == "value" })?.value.map(Self.unescape) ?? Self.optionText(rest)
                attributes.removeAll { $0.name == "selected" }
                if values.contains(value) { attributes.append((name: "selected", value: nil)) }
                output += Self.tag("option", attributes)
            default:
                output += tag
            }
        }
        output += rest
        return output
    }

    private func input(_ tag: Substring, used: inout [String: Int]) -> String {
        var attributes = Self.attributes(of: tag)
        guard let name = attributes.first(where: { $0.name == "name" })?.value.map(Self.unescape), !Self.neverKept(name) else { return String(tag) }
        let type = attributes.first(where: { $0.name == "type" })?.value?.lowercased() ?? "text"
        switch type {
        case "hidden", "password", "file", "submit", "button", "reset", "image":
            return String(tag)
        case "checkbox", "radio":
            // A box not ticked is not sent: in the sent form, its absence means unticked.
            let value = attributes.first(where: { $0.name == "value" })?.value.map(Self.unescape) ?? "on"
            attributes.removeAll { $0.name == "checked" }
            if fields[name]?.contains(value) == true { attributes.append((name: "checked", value: nil)) }
        default:
            guard let value = next(name, used: &used) else { return String(tag) }
            attributes.removeAll { $0.name == "value" }
            attributes.append((name: "value", value: MarkdownHTML.escape(value)))
        }
        return Self.tag("input", attributes)
    }

    /// The next value sent under `name` (a form may have several fields of one name).
    private func next(_ name: String, used: inout [String: Int]) -> String? {
        guard let values = fields[name] else { return nil }
        let index = used[name, default: 0]
        guard index < values.count else { return nil }
        used[name] = index + 1
        return values[index]
    }

    // MARK: Tags

    /// Where the tag starting at `start` ends (after its `>`), skipping quoted attribute values.
    private static func endOfTag(_ text: Substring, from start: Substring.Index) -> Substring.Index? {
        var quote: Character?
        var index = start
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                return text.index(after: index)
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// `input` for `<input ...>`, `/select` for `</select>`.
    private static func tagName(_ tag: Substring) -> String {
        let body = tag.dropFirst()
        let closing = body.first == "/"
        return (closing ? "/" : "") + (closing ? body.dropFirst() : body).prefix { $0.isLetter || $0.isNumber }.lowercased()
    }

    /// The attributes of a start tag, values as written (still escaped); nil for a bare name.
    static func attributes(of tag: Substring) -> [(name: String, value: String?)] {
        var attributes: [(name: String, value: String?)] = []
        var rest = tag.dropFirst().drop { !$0.isWhitespace && $0 != ">" }
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "/" }
            guard let first = rest.first, first != ">" else { break }
            let name = rest.prefix { !$0.isWhitespace && $0 != "=" && $0 != ">" && $0 != "/" }
            rest = rest.dropFirst(name.count).drop(while: \.isWhitespace)
            guard rest.first == "=" else {
                attributes.append((String(name).lowercased(), nil))
                continue
            }
            rest = rest.dropFirst().drop(while: \.isWhitespace)
            if let quote = rest.first, quote == "\"" || quote == "'" {
                let value = rest.dropFirst().prefix { $0 != quote }
                attributes.append((String(name).lowercased(), String(value)))
                rest = rest.dropFirst(value.count + 2)
            } else {
                let value = rest.prefix { !$0.isWhitespace && $0 != ">" }
                attributes.append((String(name).lowercased(), String(value)))
                rest = rest.dropFirst(value.count)
            }
        }
        return attributes
    }

    private static func tag(_ name: String, _ attributes: [(name: String, value: String?)]) -> String {
        "<" + name + attributes.map { attribute in attribute.value.map { " \(attribute.name)=\"\($0)\"" } ?? " \(attribute.name)" }.joined() + ">"
    }

    /// An option's text when it has no `value`: up to the next tag.
    private static func optionText(_ rest: Substring) -> String {
        unescape(String(rest.prefix { $0 != "<" }).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The five escapes `MarkdownHTML.escape` writes, undone.
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
