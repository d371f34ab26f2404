import Foundation
import Yams

/// One line (ISO 22400 work unit) of the plant.
public struct PlantLine: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let area: String
    public let workCenters: [String]
    public let functionalLocations: [String]
}

/// The plant behind the production data, read from `policies/plant.yaml`.
public struct PlantPolicy: Sendable {
    public static let fileName = "plant.yaml"

    public let name: String
    public let timeZone: TimeZone
    public let shifts: [String]
    public let lines: [PlantLine]
    /// Ideal cycle time in seconds per product: per line, or under `default`.
    public let idealCycles: [String: [String: Double]]

    public func line(_ id: String) -> PlantLine? { lines.first { $0.id == id } }

    /// The ideal cycle time of a product on a line, from the policy; nil when it names none.
    public func idealCycle(product: String, line: String) -> Double? {
        guard let rates = idealCycles[product] else { return nil }
        return rates[line] ?? rates["default"]
    }

    /// The plant's calendar: local days and midnights in its time zone.
    public var days: PlantDays { PlantDays(timeZone: timeZone) }

    public static func load(data: Data, file: String = "policies/\(fileName)") throws -> PlantPolicy {
        let doc = try YAMLDocument(file: file, data: data)
        try doc.allowOnly(doc.root, ["name", "time_zone", "shifts", "lines", "products"])
        let zoneNode = try doc.child(doc.root, "time_zone")
        guard let zoneName = zoneNode.scalar?.string, let zone = TimeZone(identifier: zoneName) else {
            throw doc.error(zoneNode, "time_zone must be an IANA time zone such as Europe/Berlin")
        }
        let shifts = try doc.strings(doc.root, "shifts")
        guard Set(shifts).count == shifts.count else { throw doc.error(try doc.child(doc.root, "shifts"), "shifts lists a name twice") }
        var lines: [PlantLine] = []
        var centers: Set<String> = []
        for (id, keyNode, node) in try doc.entries(doc.child(doc.root, "lines"), "lines") {
            guard id.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9_\-]{0,31}/) != nil else {
                throw doc.error(keyNode, "line '\(id)' must be 1-32 letters, digits, '-' or '_'")
            }
            try doc.allowOnly(node, ["name", "area", "work_centers", "functional_locations"])
            let lineCenters = try doc.mapping(node, "line \(id)")["work_centers"] == nil ? [] : try doc.strings(node, "work_centers")
            for center in lineCenters where !centers.insert(center).inserted {
                throw doc.error(node, "work center \(center) belongs to two lines")
            }
            let locations = try doc.mapping(node, "line \(id)")["functional_locations"] == nil ? [] : try doc.strings(node, "functional_locations")
            lines.append(PlantLine(
                id: id, name: try doc.string(node, "name"), area: try doc.string(node, "area"), workCenters: lineCenters,
                functionalLocations: locations))
        }
        guard !lines.isEmpty else { throw doc.error(try doc.child(doc.root, "lines"), "lines must name at least one line") }
        var cycles: [String: [String: Double]] = [:]
        if let products = try doc.mapping(doc.root, "plant.yaml")["products"] {
            for (product, _, node) in try doc.entries(products, "products") {
                try doc.allowOnly(node, ["ideal_cycle_s"])
                let value = try doc.child(node, "ideal_cycle_s")
                var rates: [String: Double] = [:]
                if value.mapping != nil {
                    for (key, keyNode, _) in try doc.entries(value, "ideal_cycle_s") {
                        guard key == "default" || lines.contains(where: { $0.id == key }) else {
                            throw doc.error(keyNode, "products.\(product).ideal_cycle_s: '\(key)' is neither default nor a line")
                        }
                        rates[key] = try doc.double(value, key)
                    }
                } else {
                    rates["default"] = try doc.double(node, "ideal_cycle_s")
                }
                for rate in rates.values where !(rate > 0 && rate.isFinite) {
                    throw doc.error(value, "products.\(product).ideal_cycle_s must be a number of seconds above 0")
                }
                cycles[product] = rates
            }
        }
        return PlantPolicy(
            name: try doc.string(doc.root, "name"), timeZone: zone, shifts: shifts, lines: lines, idealCycles: cycles)
    }
}

extension Register {
    /// The plant in force: `policies/plant.yaml` on main.
    public func plantPolicy() throws -> PlantPolicy {
        guard let data = try policyFile(PlantPolicy.fileName) else {
            throw GembaError(.policy, "this register has no policies/plant.yaml (time zone, lines, shifts); production data needs one, see docs/production-data.md")
        }
        return try PlantPolicy.load(data: data)
    }
}
