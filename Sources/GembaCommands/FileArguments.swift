import Foundation
import GembaKit

enum FileArguments {
    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GembaError(.invalidInput, "cannot read \(path): no such file, or not readable")
        }
        return data
    }

    /// The main content file: only its extension is kept; the register names it after the document.
    static func mainFile(_ path: String) throws -> ContentFile {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard !ext.isEmpty else { throw GembaError(.invalidInput, "\(path): the file needs an extension (.md, .docx, .pdf ...) so its kind is known") }
        return try ContentFile(name: "content.\(ext)", data: try read(path))
    }

    /// `--attach PATH` (named after the file) or `--attach NAME=PATH`. The name is checked: a
    /// path-like name is refused, never used as a path.
    static func attachment(_ argument: String) throws -> ContentFile {
        let name: String
        let path: String
        // NAME=PATH unless the whole argument is an existing file whose name has an "=".
        if let equals = argument.firstIndex(of: "="), equals != argument.startIndex, !FileManager.default.fileExists(atPath: argument) {
            name = String(argument[..<equals])
            path = String(argument[argument.index(after: equals)...])
        } else {
            path = argument
            name = URL(fileURLWithPath: argument).lastPathComponent
        }
        do {
            return try ContentFile(name: name, data: try read(path))
        } catch let error as GembaError where error.kind == .invalidInput && !error.message.hasPrefix("cannot read") {
            throw GembaError(.invalidInput, "attachment \(error.message); rename it with --attach NAME=PATH")
        }
    }
}
