import Foundation

/// The synthetic plant's policies: the given ones, with document numbers wide enough for the
/// document count, the lines as areas, and one crew role per line whose members read that
/// line's SOPs and work instructions (so training scales with documents x people of a line).
enum SynthPolicies {
    static func crewRole(_ line: String) -> String { "crew-\(line.lowercased())" }

    static func files(from given: [String: Data], for parameters: SynthParameters) throws -> [String: Data] {
        var files = given
        func text(_ name: String) throws -> String {
            guard let data = given[name], let text = String(data: data, encoding: .utf8) else {
                throw GembaError(.policy, "the policies have no readable \(name); gemba synth needs the shipped policy files")
            }
            return text
        }
        let digits = String(parameters.documents).count
        let types = try text("document-types.yaml").split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let match = line.wholeMatch(of: /(\s*number_width:\s*)(\d+)\s*/), let width = Int(match.2) else { return String(line) }
            return "\(match.1)\(max(width, digits))"
        }
        files["document-types.yaml"] = Data(types.joined(separator: "\n").utf8)

        let areas = parameters.lineNames + ["QA", "Maintenance", "EHS", "Management"]
        let training = try text("training.yaml").split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("areas:") ? "areas: [\(areas.joined(separator: ", "))]" : String(line)
        }
        files["training.yaml"] = Data(training.joined(separator: "\n").utf8)

        var roles = try text("roles.yaml")
        if !roles.hasSuffix("\n") { roles += "\n" }
        for line in parameters.lineNames {
            roles += "  \(crewRole(line)):\n    description: Crew of line \(line); reads the line's SOPs and work instructions (gemba synth)\n    permissions: []\n"
        }
        files["roles.yaml"] = Data(roles.utf8)
        return files
    }
}
