import Foundation

/// A byte-level RFC 4180 reader: comma-separated fields, double-quoted fields with `""` for a
/// quote and line breaks inside, CRLF or LF line ends, an optional UTF-8 byte order mark. Fields are
/// kept as byte ranges and turned into text only when asked, so a million rows read in a blink.
final class CSVReader {
    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    let file: String
    private let bytes: [UInt8]
    private var position = 0
    private var nextLine = 1
    /// The line of the file the current record starts on (1-based).
    private(set) var line = 0
    /// The current record's fields: one array, so that a field costs one access check, not three.
    private var fields: [Field] = []

    private struct Field {
        var start: Int
        var end: Int
        /// Whether the field holds `""` for a quote.
        var escaped: Bool
    }

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// A file's bytes, read once into one buffer (no second copy for the reader).
    static func contents(of file: URL) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let size = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while filled < size {
                let count = read(handle.fileDescriptor, buffer.baseAddress?.advanced(by: filled), size - filled)
                if count < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                if count == 0 { break }
                filled += count
            }
        }
        return filled == size ? bytes : Array(bytes.prefix(filled))
    }

    var fieldCount: Int { fields.count }

    /// Moves to the next record, skipping blank lines; false at the end of the file.
    func next() throws -> Bool {
        while position < bytes.count {
            try readRecord()
            if fields.count == 1 && fields[0].end == fields[0].start && !fields[0].escaped && !isQuoted(0) { continue }
            return true
        }
        return false
    }

    /// The text of field `index` of the current record ("" when the record is shorter).
    func text(_ index: Int) -> String {
        guard index < fields.count else { return "" }
        let field = fields[index]
        let raw = bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[field.start..<field.end]), as: UTF8.self)
        }
        return field.escaped ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }

    /// The text of field `index` without leading and trailing spaces or tabs; nil when that leaves
    /// nothing (or the record is shorter).
    func trimmed(_ index: Int) -> String? {
        guard let field = trimmedField(index) else { return nil }
        let raw = bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[field.start..<field.end]), as: UTF8.self)
        }
        return field.escaped ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }

    /// `body` of the bytes of field `index` without leading and trailing spaces or tabs, for
    /// reading a value without making text of it; nil when that leaves nothing, or the field
    /// holds `""` for a quote (read those with `trimmed`).
    func withTrimmedBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R?) -> R? {
        guard let field = trimmedField(index), !field.escaped else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in body(UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])) }
    }

    /// Field `index` without leading and trailing spaces or tabs; nil when that leaves nothing
    /// (or the record is shorter).
    private func trimmedField(_ index: Int) -> Field? {
        guard index < fields.count else { return nil }
        var field = fields[index]
        bytes.withUnsafeBufferPointer { buffer in
            while field.start < field.end && (buffer[field.start] == 32 || buffer[field.start] == 9) { field.start += 1 }
            while field.end > field.start && (buffer[field.end - 1] == 32 || buffer[field.end - 1] == 9) { field.end -= 1 }
        }
        return field.start < field.end ? field : nil
    }

    /// Whether field `index` is missing or empty.
    func isEmpty(_ index: Int) -> Bool { index >= fields.count || fields[index].start == fields[index].end }

    private func isQuoted(_ index: Int) -> Bool { fields[index].start > 0 && bytes[fields[index].start - 1] == CSVReader.quote }

    private func readRecord() throws {
        // The record is read into locals and stored once: a class's stored properties are checked
        // for exclusive access on every use, and that was a fifth of reading a file.
        var fields: [Field] = []
        swap(&fields, &self.fields)
        fields.removeAll(keepingCapacity: true)
        var nextLine = self.nextLine
        defer {
            swap(&fields, &self.fields)
            self.nextLine = nextLine
        }
        line = nextLine
        let startLine = nextLine, file = self.file
        let count = bytes.count
        position = try bytes.withUnsafeBufferPointer { b in
            var i = position
            while true {
                if i < count && b[i] == CSVReader.quote {
                    let start = i + 1
                    var hasEscapes = false
                    i = start
                    while true {
                        guard i < count else {
                            throw GembaError.invalid("\(file):\(startLine): a quoted field is never closed (a missing \")")
                        }
                        if b[i] == CSVReader.quote {
                            if i + 1 < count && b[i + 1] == CSVReader.quote {
                                hasEscapes = true
                                i += 2
                                continue
                            }
                            break
                        }
                        if b[i] == CSVReader.lf { nextLine += 1 }
                        i += 1
                    }
                    fields.append(Field(start: start, end: i, escaped: hasEscapes))
                    i += 1
                    if i < count && b[i] != CSVReader.comma && b[i] != CSVReader.cr && b[i] != CSVReader.lf {
                        throw GembaError.invalid("\(file):\(nextLine): text after a closing quote; a quote inside a quoted field is written \"\"")
                    }
                } else {
                    let start = i
                    while i < count && b[i] != CSVReader.comma && b[i] != CSVReader.lf && b[i] != CSVReader.cr { i += 1 }
                    fields.append(Field(start: start, end: i, escaped: false))
                }
                if i >= count { break }
                if b[i] == CSVReader.comma {
                    i += 1
                    continue
                }
                if b[i] == CSVReader.cr { i += 1 }
                if i < count && b[i] == CSVReader.lf { i += 1 }
                nextLine += 1
                break
            }
            return i
        }
    }
}
