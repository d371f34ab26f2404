import Foundation
import GembaKit

/// Finds the folders that ship with gemba: the default policies and the sample register.
enum Locations {
    /// `explicit`, else the environment variable, else `share/gemba/NAME` beside the executable's
    /// folder, else the nearest `NAME` folder above the executable (a source checkout).
    static func find(_ name: String, explicit: String?, environment variable: String, marker: String) throws -> URL {
        if let explicit { return URL(fileURLWithPath: explicit).standardizedFileURL }
        if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty { return URL(fileURLWithPath: path).standardizedFileURL }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        let installed = folder.deletingLastPathComponent().appendingPathComponent("share/gemba/\(name)")
        if FileManager.default.fileExists(atPath: installed.appendingPathComponent(marker).path) { return installed }
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(marker).path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw GembaError(.register, "cannot find the \(name) folder that ships with gemba; pass it with --\(name == "policies" ? "policies" : "sample") DIR or set \(variable)")
    }
}
