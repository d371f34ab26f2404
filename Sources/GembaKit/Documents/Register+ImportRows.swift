import Crypto
import Foundation

/// One row of a `gemba doc import` metadata CSV, checked against the policies and the folder.
struct ImportRow: Sendable {
    let line: Int
    /// The file as written in the CSV (relative to the folder) and where it really is.
    let path: String
    let file: URL
    let fileExtension: String
    let explicitID: String?
    let type: DocumentType
    let title: String
    let owner: String?
    let areas: [String]
    let letter: String
    let seq: Int
    let effectiveOn: Day
    let approvedBy: String
    let approvedOn: Day
    let nextReview: Day?
    let reviewIntervalMonths: Int?
    let changeReason: String
    let eco: String?
}

/// Reads and checks the metadata CSV of an import. Every problem is one line naming the CSV
/// file, its line and the column; nothing is imported when any row is wrong.
struct ImportMetadata {
    static let columns = [
        "file", "id", "type", "title", "owner", "areas", "revision", "effective_date", "approved_by", "approved_on",
        "next_review", "review_interval_months", "change_reason", "eco",
    ]
    static let required = ["file", "type", "title", "effective_date", "approved_by"]
    static let defaultReason = "Migrated from the legacy document system"

    let name: String
    let sha256: String
    let rows: [ImportRow]

    static func read(metadata: URL, folder: URL, policies: Policies, today: Day) throws -> ImportMetadata {
        let name = metadata.lastPathComponent
        let bytes: [UInt8]
        do { bytes = try CSVReader.contents(of: metadata) } catch {
            throw GembaError.invalid("cannot read \(metadata.path): \(error.localizedDescription)")
        }
        guard let root = realPath(folder.path), isDirectory(root) else {
            throw GembaError.invalid("\(folder.path) is not a folder; pass the folder that holds the files")
        }
        let reader = CSVReader(bytes: bytes, file: name)
        guard try reader.next() else { throw GembaError.invalid("\(name): empty; the first line names the columns (\(columns.joined(separator: ", ")))") }
        var index: [String: Int] = [:]
        for position in 0..<reader.fieldCount {
            let column = (reader.trimmed(position) ?? "").lowercased()
            guard columns.contains(column) else {
                throw GembaError.invalid("\(name):\(reader.line): column '\(column)': unknown; the columns are \(columns.joined(separator: ", "))")
            }
            guard index[column] == nil else { throw GembaError.invalid("\(name):\(reader.line): column \(column): named twice in the header") }
            index[column] = position
        }
        for column in required where index[column] == nil {
            throw GembaError.invalid("\(name):\(reader.line): column \(column): missing; every import needs \(required.joined(separator: ", "))")
        }
        var rows: [ImportRow] = []
        var fileLines: [String: Int] = [:]
        while try reader.next() {
            let row = RowReader(name: name, reader: reader, index: index)
            let parsed = try row.parse(root: root, policies: policies, today: today)
            if let earlier = fileLines[parsed.file.path] {
                throw row.fail("file", "'\(parsed.path)' is already imported on line \(earlier)")
            }
            fileLines[parsed.file.path] = parsed.line
            rows.append(parsed)
        }
        guard !rows.isEmpty else { throw GembaError.invalid("\(name): no rows; write one row per document under the header") }
        let digest = SHA256.hash(data: Data(bytes)).lowercaseHex
        return ImportMetadata(name: name, sha256: digest, rows: rows)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// The current record of the metadata CSV, read by column name.
private struct RowReader {
    let name: String
    let reader: CSVReader
    let index: [String: Int]

    func fail(_ column: String, _ problem: String) -> GembaError {
        GembaError.invalid("\(name):\(reader.line): column \(column): \(problem); nothing was imported")
    }

    func optional(_ column: String) -> String? { index[column].flatMap(reader.trimmed) }

    func text(_ column: String) throws -> String {
        guard let value = optional(column) else { throw fail(column, "empty; every row needs a value") }
        return value
    }

    /// Runs a check that throws a plain GembaError and names this row and column in its message.
    func checked<T>(_ column: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as GembaError { throw fail(column, error.message) }
    }

    func day(_ column: String) throws -> Day? {
        guard let text = optional(column) else { return nil }
        guard let day = Day(text) else { throw fail(column, "'\(text)' is not a date (YYYY-MM-DD)") }
        return day
    }

    func parse(root: String, policies: Policies, today: Day) throws -> ImportRow {
        let (path, file, fileExtension) = try locate(root: root)
        let type = try checked("type") { try policies.documentType(try text("type")) }
        var explicitID: String?
        if let id = optional("id")?.uppercased() {
            guard policies.documentType(forID: id)?.code == type.code, id.count == type.prefix.count + type.numberWidth else {
                throw fail("id", "'\(id)' is not a \(type.code) ID such as \(type.documentID(number: 1)); leave it empty for the next free number")
            }
            explicitID = id
        }
        let title = try checked("title") { try InputChecks.title(try text("title")) }
        let letter = optional("revision")?.uppercased() ?? "A"
        guard let seq = RevisionLetters.sequence(of: letter) else {
            throw fail("revision", "'\(letter)' is not a revision letter (A-Y without I, O, Q, S, X, Z, then AA, AB...)")
        }
        guard let effectiveOn = try day("effective_date") else { throw fail("effective_date", "empty; every row needs the date the revision took effect") }
        guard effectiveOn <= today else {
            throw fail("effective_date", "\(effectiveOn) is in the future; import only revisions already in effect")
        }
        let approvedBy = try text("approved_by")
        guard approvedBy.count <= 200, !approvedBy.contains(where: \.isNewline) else { throw fail("approved_by", "must be one line of at most 200 characters") }
        let approvedOn = try day("approved_on") ?? effectiveOn
        guard approvedOn <= effectiveOn else {
            throw fail("approved_on", "\(approvedOn) is after the effective date \(effectiveOn); a revision is approved before it takes effect")
        }
        var interval: Int?
        if let text = optional("review_interval_months") {
            guard let months = Int(text), (1...120).contains(months) else { throw fail("review_interval_months", "'\(text)' must be 1 to 120 months") }
            interval = months
        }
        let reason = try checked("change_reason") { try InputChecks.reason(optional("change_reason") ?? ImportMetadata.defaultReason) }
        let eco = try checked("eco") { try InputChecks.eco(optional("eco")) }
        let areas = (optional("areas") ?? "").split(whereSeparator: { $0 == ";" || $0 == " " }).map(String.init)
        do {
            let data = try Data(contentsOf: file, options: .mappedIfSafe)
            try InputChecks.content(try ContentFile(name: "document.\(fileExtension)", data: data), type: type)
        } catch let error as GembaError {
            throw fail("file", "'\(path)': " + error.message.replacingOccurrences(of: "document.\(fileExtension): ", with: ""))
        }
        return ImportRow(
            line: reader.line, path: path, file: file, fileExtension: fileExtension, explicitID: explicitID, type: type, title: title,
            owner: optional("owner"), areas: areas, letter: letter, seq: seq, effectiveOn: effectiveOn, approvedBy: approvedBy,
            approvedOn: approvedOn, nextReview: try day("next_review"), reviewIntervalMonths: interval, changeReason: reason, eco: eco)
    }

    /// The row's file: inside the folder (no `..`, no absolute path, no symbolic link anywhere
    /// that leads out), a regular file, with an extension.
    private func locate(root: String) throws -> (String, URL, String) {
        let path = try text("file")
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.contains(".."), !path.contains("\\") else {
            throw fail("file", "'\(path)' leads outside the folder; name files relative to it, without '..'")
        }
        let full = root + "/" + path
        var status = stat()
        guard lstat(full, &status) == 0 else { throw fail("file", "'\(path)' does not exist in \(root)") }
        guard status.st_mode & S_IFMT != S_IFLNK else { throw fail("file", "'\(path)' is a symbolic link; import the file itself") }
        guard let real = ImportMetadata.realPath(full), real.hasPrefix(root + "/") else {
            throw fail("file", "'\(path)' leads outside the folder through a symbolic link")
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw fail("file", "'\(path)' is not a regular file") }
        let name = parts.last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            throw fail("file", "'\(path)' has no extension (.md, .pdf, .docx...); the type's file kinds are decided by it")
        }
        let fileExtension = String(name[name.index(after: dot)...]).lowercased()
        return (path, URL(fileURLWithPath: real), fileExtension)
    }
}

extension RevisionLetters {
    /// The position of a letter in the sequence (A = 1); nil for a letter the sequence never gives.
    static func sequence(of letter: String) -> Int? {
        guard !letter.isEmpty, letter.count <= 3 else { return nil }
        var seq = 0
        for character in letter {
            guard let position = alphabet.firstIndex(of: character) else { return nil }
            seq = seq * alphabet.count + position + 1
        }
        return RevisionLetters.letter(forSequence: seq) == letter ? seq : nil
    }
}
