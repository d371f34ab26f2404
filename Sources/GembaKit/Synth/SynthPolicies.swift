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
        files[PlantPolicy.fileName] = Data(plant(try text(PlantPolicy.fileName), for: parameters).utf8)
        return files
    }

    /// What the lines make: each runs two of these products, a week at a time.
    static let products: [(name: String, idealCycle: Int)] = [("VC72-E", 24), ("VC60-P", 20), ("VC80-H", 30), ("VC50-S", 16)]
    private static let lineKinds = ["Electrode coating", "Calendering and slitting", "Cell assembly", "Electrolyte filling", "Formation", "End-of-line test"]

    /// The given plant.yaml's name and time zone, with the lines L01... (their own areas) and
    /// three shifts, so production data names the same lines as documents, people and training.
    static func plant(_ given: String, for parameters: SynthParameters) -> String {
        func value(_ key: String, _ fallback: String) -> String {
            for line in given.split(separator: "\n") where line.hasPrefix("\(key):") {
                return line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
            }
            return fallback
        }
        var text = """
            # The synthetic plant (gemba synth): its lines are the register's lines L01...
            name: \(value("name", "Synthetic plant"))
            time_zone: \(value("time_zone", "Europe/Berlin"))
            shifts: [A, B, C]
            lines:

            """
        for (index, line) in parameters.lineNames.enumerated() {
            text += "  \(line):\n    name: \(lineKinds[index % lineKinds.count]) \(index / lineKinds.count + 1)\n    area: \(line)\n"
            text += "    work_centers: [WC-\(line)]\n    functional_locations: [PLANT-\(line)]\n"
        }
        text += "products:\n"
        for product in products { text += "  \(product.name):\n    ideal_cycle_s: \(product.idealCycle)\n" }
        return text
    }
}
