import Crypto
import Foundation
import GRDB

extension SynthEngine {
    /// Schedules the production data of every line over the whole history: each Monday morning
    /// a coordinator imports last week's files (calendar, production, downtime, hours, and the
    /// safety incidents when there were any); on the history's last day, the days since Monday.
    func planProduction() throws {
        let plant = try register.plantPolicy()
        var crews: [String: Int] = [:]
        for person in people where person.roles.contains("operator") {
            if let area = person.area { crews[area, default: 0] += 1 }
        }
        let data = SynthProduction(
            plant: plant, seed: parameters.seed, firstDay: plant.days.day(of: start), lastDay: CivilDay.number(parameters.end) - 1,
            crews: crews.mapValues { max(12, $0 / 3) })
        production = data
        let lastImport = plant.days.midnight(CivilDay.number(parameters.end)) + 5 * 3600
        for week in 0..<data.weeks {
            let monday = plant.days.midnight(data.firstMonday + 7 * week + 7) + 5 * 3600
            for index in SynthProduction.kinds.indices {
                timeline.schedule(.dataImport, at: min(monday, lastImport) + Int64(index) * 120, document: week * 8 + index)
            }
        }
    }

    /// One file of a week's data, imported as `gemba data import` does it.
    func importProduction(_ event: Int, at time: Int64) throws {
        guard let production else { return }
        let week = event / 8, index = event % 8
        if index == 0 { weekFiles = production.files(week: week) }
        let kind = SynthProduction.kinds[index]
        defer { if index == SynthProduction.kinds.count - 1 { weekFiles = [:] } }
        guard let text = weekFiles[kind] else { return }
        let importers = holders["coordinator"] ?? [0]
        let importer = users[importers[week % importers.count]]
        let name = "\(kind.rawValue)-\(CivilDay.text(production.days(of: week).lowerBound)).csv"
        try importFile(kind, name: name, bytes: Array(text.utf8), plant: production.plant, by: Actor(username: importer.username, at: date(time)))
        count("import batches")
    }

    /// As `Register.importData`, inside the writer's transaction: the batch row, every row
    /// through the importer's parser and `BatchWriter`, the counts, and the trail entry.
    private func importFile(_ kind: ImportKind, name: String, bytes: [UInt8], plant: PlantPolicy, by actor: Actor) throws {
        let db = try writer.db
        let mapping = try register.importMapping(nil, for: kind)
        let digest = SHA256.hash(data: bytes).lowercaseHex
        try db.execute(sql: """
            INSERT INTO import_batch (kind, file_name, file_sha256, mapping, rows_read, rows_added, rows_updated, rows_skipped,
                rows_reversed, imported_by, imported_at) VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?)
            """, arguments: [kind.rawValue, name, digest, mapping.name, actor.username, Timestamp.string(actor.at)])
        let batchID = db.lastInsertedRowID
        let reader = CSVReader(bytes: bytes, file: name)
        guard try reader.next() else { throw GembaError(.storage, "gemba synth made an empty \(name)") }
        let header = (0..<reader.fieldCount).map { mapping.column(forHeader: reader.text($0)) }
        let source = try ImportRowSource(reader: reader, header: header, kind: kind, mapping: mapping, plant: plant)
        var batch = try BatchWriter(db, kind: kind, batchID: batchID)
        let read = try ImportPipeline.run(kind, from: source) { rows in
            try batch.store(rows, db, file: name)
        }
        try db.execute(sql: """
            UPDATE import_batch SET rows_read = ?, rows_added = ?, rows_updated = ?, rows_skipped = ?, rows_reversed = ? WHERE id = ?
            """, arguments: [read, batch.added, batch.updated, batch.skipped, batch.reversed, batchID])
        let key = String(batchID)
        try writer.append(.importBatch, key: key, action: "data.import", by: actor, old: nil, new: try AuditTrail.canonicalRow(db, .importBatch, key: key))
        count("production rows", batch.added)
    }
}
