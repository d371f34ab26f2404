import Foundation
import Yams

/// How the columns of an export become gemba's generic columns: a rename table per file layout.
public struct ImportMapping: Sendable {
    public let name: String
    public let kind: ImportKind
    /// Lowercased file header -> gemba column.
    let columns: [String: String]
    public let decimalComma: Bool
    /// Work center -> line, besides those of policies/plant.yaml.
    let workCenters: [String: String]

    public static let fileName = "imports.yaml"
    public static let builtInNames = ["sap-pp", "sap-pm"]

    /// The gemba column a file header stands for.
    func column(forHeader header: String) -> String {
        let key = header.trimmingCharacters(in: .whitespaces).lowercased()
        return columns[key] ?? key
    }

    /// SAP PP production order confirmations: AFRU field names and the S/4 API's names.
    static let sapPP = ImportMapping(
        name: "sap-pp", kind: .production,
        columns: aliases([
            "date": ["BUDAT", "postingDate"], "order": ["AUFNR", "productionOrder", "orderID", "manufacturingOrder"],
            "operation": ["VORNR", "operation", "orderOperation", "manufacturingOrderOperation"],
            "work_center": ["ARBPL", "workCenter"], "plant": ["WERKS", "plant"],
            "yield_qty": ["LMNGA", "confirmationYieldQuantity"], "scrap_qty": ["XMNGA", "confirmationScrapQuantity"],
            "rework_qty": ["RMNGA", "confirmationReworkQuantity"], "final": ["AUERU", "isFinalConfirmation"],
            "reversal": ["STOKZ", "isReversed"], "confirmation": ["RUECK", "confirmationGroup", "confirmation"],
            "counter": ["RMZHL", "confirmationCount", "confirmationCounter"],
            "reverses_counter": ["STZHL", "cancelledConfirmationCount"], "product": ["MATNR", "material"],
            "unit": ["MEINH", "confirmationUnit"],
        ]),
        decimalComma: false, workCenters: [:])

    /// SAP PM maintenance orders (IW38/IW39 list exports, or the S/4 API's names).
    static let sapPM = ImportMapping(
        name: "sap-pm", kind: .workOrders,
        columns: aliases([
            "order": ["AUFNR", "maintenanceOrder"], "type": ["AUART", "maintenanceOrderType"], "equipment": ["EQUNR", "equipment"],
            "functional_location": ["TPLNR", "functionalLocation"], "work_center": ["ARBPL", "workCenter", "mainWorkCenter"],
            "priority": ["PRIOK", "maintPriority"], "created": ["ERDAT", "creationDate"],
            "status": ["STTXT", "systemStatus", "systemStatusText", "status"],
            "planned_date": ["GSTRP", "maintOrdBasicStartDate", "basicStartDate"], "text": ["KTEXT", "maintenanceOrderDesc", "description"],
        ]),
        decimalComma: false, workCenters: [:])

    private static func aliases(_ table: [String: [String]]) -> [String: String] {
        var result: [String: String] = [:]
        for (column, headers) in table {
            for header in headers { result[header.lowercased()] = column }
        }
        return result
    }

    /// No renaming: the file uses gemba's column names.
    static func generic(_ kind: ImportKind) -> ImportMapping {
        ImportMapping(name: "generic", kind: kind, columns: [:], decimalComma: false, workCenters: [:])
    }

    /// Reads the named mappings of `policies/imports.yaml`.
    static func load(data: Data, plant: PlantPolicy?, file: String = "policies/\(fileName)") throws -> [String: ImportMapping] {
        let doc = try YAMLDocument(file: file, data: data)
        try doc.allowOnly(doc.root, ["mappings"])
        var result: [String: ImportMapping] = [:]
        for (name, keyNode, node) in try doc.entries(doc.child(doc.root, "mappings"), "mappings") {
            guard name.wholeMatch(of: /[a-z0-9][a-z0-9\-_]{0,39}/) != nil, !builtInNames.contains(name) else {
                throw doc.error(keyNode, "mapping name '\(name)' must be lowercase letters, digits, '-' or '_', and not \(builtInNames.joined(separator: " or "))")
            }
            try doc.allowOnly(node, ["kind", "columns", "decimal_comma", "work_centers"])
            let kindNode = try doc.child(node, "kind")
            guard let kind = ImportKind(rawValue: kindNode.scalar?.string ?? "") else {
                throw doc.error(kindNode, "kind must be one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let known = Set(kind.requiredColumns.flatMap { $0.split(separator: "|").map(String.init) } + kind.optionalColumns)
            var columns: [String: String] = [:]
            for (header, _, target) in try doc.entries(doc.child(node, "columns"), "columns") {
                guard let column = target.scalar?.string, known.contains(column) else {
                    throw doc.error(target, "mappings.\(name).columns.\(header): '\(target.scalar?.string ?? "?")' is not a \(kind.rawValue) column (\(known.sorted().joined(separator: ", ")))")
                }
                columns[header.lowercased()] = column
            }
            var centers: [String: String] = [:]
            if try doc.mapping(node, "mapping")["work_centers"] != nil {
                for (center, _, lineNode) in try doc.entries(doc.child(node, "work_centers"), "work_centers") {
                    guard let line = lineNode.scalar?.string, plant?.line(line) != nil || plant == nil else {
                        throw doc.error(lineNode, "mappings.\(name).work_centers.\(center): '\(lineNode.scalar?.string ?? "?")' is not a line of policies/plant.yaml")
                    }
                    centers[center] = line
                }
            }
            let comma = try doc.mapping(node, "mapping")["decimal_comma"] == nil ? false : try doc.bool(node, "decimal_comma")
            result[name] = ImportMapping(name: name, kind: kind, columns: columns, decimalComma: comma, workCenters: centers)
        }
        return result
    }
}

extension Register {
    /// The mapping to read a file with: a built-in one, one of `policies/imports.yaml`, or none.
    public func importMapping(_ name: String?, for kind: ImportKind) throws -> ImportMapping {
        guard let name else { return .generic(kind) }
        let named: [String: ImportMapping] = try policyFile(ImportMapping.fileName).map { try ImportMapping.load(data: $0, plant: try? plantPolicy()) } ?? [:]
        let mapping: ImportMapping
        switch name {
        case "sap-pp": mapping = .sapPP
        case "sap-pm": mapping = .sapPM
        default:
            guard let found = named[name] else {
                let known = (ImportMapping.builtInNames + named.keys.sorted()).joined(separator: ", ")
                throw GembaError.invalid("unknown mapping '\(name)'; known mappings: \(known) (policies/imports.yaml adds more)")
            }
            mapping = found
        }
        guard mapping.kind == kind else {
            throw GembaError.invalid("mapping '\(name)' is for \(mapping.kind.rawValue) files, not \(kind.rawValue)")
        }
        return mapping
    }
}
