import ArgumentParser
import Foundation
import GembaKit

extension ImportKind: ExpressibleByArgument {}

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Production data: import CSV files (calendar, production, downtime, holds, work orders, safety, hours), list imports.",
        subcommands: [DataImport.self, DataList.self, DataHolds.self, DataWorkOrders.self])
}

struct DataImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV file in one transaction: all rows or, when one is bad, nothing. Re-importing a file adds nothing.",
        discussion: "KIND is one of: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")). Columns and mappings: docs/production-data.md.")

    @Argument(help: "What the file holds.") var kind: ImportKind
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "Column mapping: sap-pp, sap-pm, or one of policies/imports.yaml (default: gemba's own column names).") var mapping: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let batch = try register.importData(kind, file: URL(fileURLWithPath: file), name: file, mapping: mapping, by: try actor.username())
        if output.json { return try Output.json(batch) }
        print("Imported \(batch.kind) from \(file) as batch \(batch.id): \(batch.rowsRead) rows read, \(batch.rowsAdded) added, \(batch.rowsUpdated) updated, \(batch.rowsSkipped) unchanged, \(batch.rowsReversed) reversed")
    }
}

struct DataList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every import: file, SHA-256, mapping, row counts, who and when.")

    @Option(help: "Only imports of this kind.") var kind: ImportKind?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let batches = try registerOptions.open().importBatches(kind: kind)
        if output.json { return try Output.json(batches) }
        if batches.isEmpty { return print("No imports yet.") }
        Output.table(
            ["BATCH", "KIND", "FILE", "MAPPING", "READ", "ADDED", "UPDATED", "UNCHANGED", "REVERSED", "BY", "AT", "SHA-256"],
            batches.map { b in
                [String(b.id), b.kind, Output.clip(b.fileName, 32), b.mapping, String(b.rowsRead), String(b.rowsAdded), String(b.rowsUpdated),
                 String(b.rowsSkipped), String(b.rowsReversed), b.importedBy, b.importedAt, String(b.fileSha256.prefix(12))]
            })
    }
}

struct DataHolds: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "holds", abstract: "Open quality holds, oldest first.")

    @Option(help: "Only this line.") var line: String?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let holds = try registerOptions.open().openQualityHolds(line: line)
        if output.json { return try Output.json(holds) }
        if holds.isEmpty { return print("No open quality holds.") }
        Output.table(["LINE", "PRODUCT", "LOT", "QTY", "OPENED", "REASON"], holds.map { h in
            [h.line, h.product, h.lot, KPIFormat.number(h.quantity), h.openedAt, h.reason]
        })
    }
}

struct DataWorkOrders: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "work-orders", abstract: "Open maintenance work orders by priority (1 very high ... 4 low).")

    @Option(help: "Only this line.") var line: String?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let orders = try registerOptions.open().openWorkOrders(line: line)
        if output.json { return try Output.json(orders) }
        if orders.isEmpty { return print("No open work orders.") }
        Output.table(["PRIO", "ORDER", "TYPE", "STATUS", "LINE", "PLANNED", "EQUIPMENT", "TEXT"], orders.map { o in
            [String(o.priority), o.order, o.type, o.status, o.line ?? "-", o.plannedOn ?? "-", o.equipment ?? "-", Output.clip(o.text ?? "", 40)]
        })
    }
}
