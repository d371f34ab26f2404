/// A view model turned into plain dictionaries and arrays once, before rendering. Mustache looks
/// every `{{name}}` up in the context stack; on Swift structs that is a `Mirror` walk of all
/// children per lookup, which made pages ten times slower than the page's own work. With
/// dictionaries each lookup is a hash probe. Optionals that are nil are left out, so `{{#x}}`
/// sections see them as absent.
enum TemplateContext {
    static func make(_ value: Any) -> Any {
        convert(value) ?? [String: Any]()
    }

    private static func convert(_ value: Any) -> Any? {
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag
        case is Int, is Int64, is Double: return value
        case let substring as Substring: return String(substring)
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { convert($0.value) }
        case .collection, .set:
            return mirror.children.compactMap { convert($0.value) }
        case .struct, .class, .tuple:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let converted = convert(child.value) { fields[label] = converted }
            }
            return fields
        case .dictionary:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                let pair = Mirror(reflecting: child.value).children.map(\.value)
                if pair.count == 2, let key = pair[0] as? String, let converted = convert(pair[1]) { fields[key] = converted }
            }
            return fields
        default:
            // Enums and other scalars print as themselves.
            return String(describing: value)
        }
    }
}
