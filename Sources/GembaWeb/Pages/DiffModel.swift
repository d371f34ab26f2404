import GembaKit

enum DiffLayout {
    case split, unified
}

/// A unified diff from the register, laid out as rows for a side-by-side or unified table.
struct DiffModel {
    struct Field {
        let field: String
        let old: String
        let new: String
    }

    /// One row: in the split layout both sides, in the unified layout `left` only.
    struct Row {
        let kind: String
        let leftNumber: String
        let left: String
        let leftKind: String
        let rightNumber: String
        let right: String
        let rightKind: String
    }

    let document: String
    let from: String
    let to: String
    let split: Bool
    let fields: [Field]
    let hasFields: Bool
    let rows: [Row]
    let hasRows: Bool
    let otherLayoutHref: String

    init(_ diff: DocumentDiff, layout: DiffLayout) {
        document = diff.document
        from = diff.from
        to = diff.to
        split = layout == .split
        fields = diff.metadata.map { Field(field: $0.field, old: $0.old, new: $0.new) }
        hasFields = !fields.isEmpty
        rows = layout == .split ? Self.splitRows(diff.patch) : Self.unifiedRows(diff.patch)
        hasRows = !rows.isEmpty
        otherLayoutHref = "/documents/\(diff.document.urlPathEncoded)/diff?from=\(diff.from.urlPathEncoded)&to=\(diff.to.urlPathEncoded)&view=\(layout == .split ? "unified" : "split")"
    }

    private static func hunkStart(_ line: Substring) -> (Int, Int) {
        // @@ -12,7 +12,8 @@
        let parts = line.split(separator: " ")
        func start(_ token: Substring?) -> Int { token.flatMap { Int($0.dropFirst().split(separator: ",").first ?? "") } ?? 1 }
        return (start(parts.count > 1 ? parts[1] : nil), start(parts.count > 2 ? parts[2] : nil))
    }

    private static func isHeader(_ line: Substring) -> Bool {
        line.hasPrefix("diff --git") || line.hasPrefix("index ") || line.hasPrefix("--- ") || line.hasPrefix("+++ ")
            || line.hasPrefix("new file") || line.hasPrefix("deleted file") || line.hasPrefix("Binary files")
    }

    static func unifiedRows(_ patch: String) -> [Row] {
        var rows: [Row] = []
        var (old, new) = (0, 0)
        for line in patch.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("+++ ") {
                rows.append(Row(kind: "file", leftNumber: "", left: String(line.dropFirst(4)), leftKind: "hunk", rightNumber: "", right: "", rightKind: ""))
            } else if line.hasPrefix("Binary files") {
                rows.append(Row(kind: "file", leftNumber: "", left: String(line), leftKind: "hunk", rightNumber: "", right: "", rightKind: ""))
            } else if isHeader(line) {
                continue
            } else if line.hasPrefix("@@") {
                (old, new) = hunkStart(line)
                rows.append(Row(kind: "hunk", leftNumber: "", left: String(line), leftKind: "hunk", rightNumber: "", right: "", rightKind: ""))
            } else if line.hasPrefix("+") {
                rows.append(Row(kind: "add", leftNumber: "", left: String(line), leftKind: "add", rightNumber: String(new), right: "", rightKind: ""))
                new += 1
            } else if line.hasPrefix("-") {
                rows.append(Row(kind: "del", leftNumber: String(old), left: String(line), leftKind: "del", rightNumber: "", right: "", rightKind: ""))
                old += 1
            } else if line.hasPrefix(" ") {
                rows.append(Row(kind: "context", leftNumber: String(old), left: String(line), leftKind: "", rightNumber: String(new), right: "", rightKind: ""))
                old += 1
                new += 1
            }
        }
        return rows
    }

    static func splitRows(_ patch: String) -> [Row] {
        var rows: [Row] = []
        var (old, new) = (0, 0)
        var removed: [(Int, String)] = []
        var added: [(Int, String)] = []
        func flush() {
            for index in 0..<max(removed.count, added.count) {
                let left = index < removed.count ? removed[index] : nil
                let right = index < added.count ? added[index] : nil
                rows.append(Row(kind: "change", leftNumber: left.map { String($0.0) } ?? "", left: left?.1 ?? "", leftKind: left == nil ? "" : "del",
                                rightNumber: right.map { String($0.0) } ?? "", right: right?.1 ?? "", rightKind: right == nil ? "" : "add"))
            }
            removed = []
            added = []
        }
        for line in patch.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("+++ ") || line.hasPrefix("Binary files") {
                flush()
                let name = line.hasPrefix("+++ ") ? String(line.dropFirst(4)) : String(line)
                rows.append(Row(kind: "file", leftNumber: "", left: name, leftKind: "hunk", rightNumber: "", right: "", rightKind: "hunk"))
            } else if isHeader(line) {
                continue
            } else if line.hasPrefix("@@") {
                flush()
                (old, new) = hunkStart(line)
                rows.append(Row(kind: "hunk", leftNumber: "", left: String(line), leftKind: "hunk", rightNumber: "", right: "", rightKind: "hunk"))
            } else if line.hasPrefix("-") {
                removed.append((old, String(line.dropFirst())))
                old += 1
            } else if line.hasPrefix("+") {
                added.append((new, String(line.dropFirst())))
                new += 1
            } else if line.hasPrefix(" ") {
                flush()
                let text = String(line.dropFirst())
                rows.append(Row(kind: "context", leftNumber: String(old), left: text, leftKind: "", rightNumber: String(new), right: text, rightKind: ""))
                old += 1
                new += 1
            }
        }
        flush()
        return rows
    }
}
