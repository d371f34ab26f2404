import Foundation

extension SampleReplay {
    /// The last 90 days of production data of L1, L2 and L3 (SampleProductionData, seeded), imported
    /// this morning by the coordinator through the same importer as `gemba data import`.
    func scheduleProduction() throws {
        guard let plant = try? register.plantPolicy() else { return }
        let yesterday = CivilDay.number(plant.localDay(now)) - 1
        var data = SampleProductionData(plant: plant, lastDay: yesterday)
        data.generate()
        let importer = people.first { policies.permissions(ofRoles: $0.roles).contains(.dataImport) }?.username ?? coordinator
        let kinds: [ImportKind] = [.calendar, .production, .downtime, .holds, .workOrders, .safety, .hours]
        for (index, kind) in kinds.enumerated() {
            let text = data.csv(kind)
            schedule(at(0, plus: 5 * 3600 + Double(index * 60))) {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-sample-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let file = folder.appendingPathComponent("\(kind.rawValue)-\(CivilDay.text(yesterday)).csv")
                try Data(text.utf8).write(to: file)
                _ = try self.register.importData(kind, file: file, name: file.lastPathComponent, by: importer)
            }
        }
    }
}
