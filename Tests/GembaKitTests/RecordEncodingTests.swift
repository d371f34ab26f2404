import Foundation
import GRDB
import Testing
@testable import GembaKit

/// Records whose columns are put in GRDB's container by hand (`Records.swift`) hold every stored
/// property, under the column name and in the form GRDB's `Codable` path gave them (snake case,
/// `Timestamp` text for times, NULL for nil). The expected columns are read off the record by
/// reflection, so a property added without its column fails here.
@Suite("Record encoding")
struct RecordEncodingTests {
    /// What GRDB's `Encoder` path wrote for `record`, from its stored properties.
    private func expectedColumns(_ record: Any) -> [String: DatabaseValue] {
        var columns: [String: DatabaseValue] = [:]
        for child in Mirror(reflecting: record).children {
            guard let label = child.label else { continue }
            var value: Any? = child.value
            let mirror = Mirror(reflecting: child.value)
            if mirror.displayStyle == .optional { value = mirror.children.first?.value }
            let column = SnakeCaseColumns.column(for: label)
            switch value {
            case nil: columns[column] = .null
            case let date as Date: columns[column] = Timestamp.string(date).databaseValue
            case let convertible as any DatabaseValueConvertible: columns[column] = convertible.databaseValue
            default: Issue.record("\(label) has a type the test does not know")
            }
        }
        return columns
    }

    private func text(_ generator: inout some RandomNumberGenerator) -> String {
        let alphabet = Array("aZ09 -/é€\"\\")
        return String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
    }

    private func time(_ generator: inout some RandomNumberGenerator) -> Date {
        Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &generator)))
    }

    @Test func documentsAndRevisionsPutEveryColumn() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let maybe = { (generator: inout SystemRandomNumberGenerator) in Bool.random(using: &generator) }
            let document = DocumentRecord(
                id: text(&generator), type: text(&generator), number: Int.random(in: 0...99_999, using: &generator), title: text(&generator),
                owner: text(&generator), reviewIntervalMonths: maybe(&generator) ? nil : Int.random(in: 1...60, using: &generator),
                status: text(&generator), effectiveRevision: maybe(&generator) ? nil : text(&generator), latestRevision: text(&generator),
                nextReviewDue: maybe(&generator) ? nil : text(&generator), lastReviewedOn: maybe(&generator) ? nil : text(&generator),
                createdAt: time(&generator), obsoleteAt: maybe(&generator) ? nil : time(&generator))
            #expect(try document.databaseDictionary == expectedColumns(document))

            let revision = RevisionRecord(
                documentId: text(&generator), letter: text(&generator), seq: Int.random(in: 1...99, using: &generator), status: text(&generator),
                title: text(&generator), author: text(&generator), changeReason: text(&generator), changeClass: text(&generator),
                eco: maybe(&generator) ? nil : text(&generator), mainFile: text(&generator), draftCommit: text(&generator), draftTree: text(&generator),
                createdAt: time(&generator), updatedAt: time(&generator), plannedEffective: maybe(&generator) ? nil : text(&generator),
                approvedAt: maybe(&generator) ? nil : time(&generator), effectiveOn: maybe(&generator) ? nil : text(&generator),
                effectiveAt: maybe(&generator) ? nil : time(&generator), releaseCommit: maybe(&generator) ? nil : text(&generator),
                tagObject: maybe(&generator) ? nil : text(&generator), supersededAt: maybe(&generator) ? nil : time(&generator),
                obsoleteAt: maybe(&generator) ? nil : time(&generator))
            #expect(try revision.databaseDictionary == expectedColumns(revision))

            let reference = GitRefRecord(name: text(&generator), target: text(&generator))
            #expect(try reference.databaseDictionary == expectedColumns(reference))
            let area = DocumentAreaRecord(documentId: text(&generator), area: text(&generator))
            #expect(try area.databaseDictionary == expectedColumns(area))
            let approval = LegacyApprovalRecord(
                documentId: text(&generator), letter: text(&generator), importId: Int64.random(in: 1...999, using: &generator),
                approvedBy: text(&generator), approvedOn: text(&generator), sourceFile: text(&generator))
            #expect(try approval.databaseDictionary == expectedColumns(approval))
        }
    }

    /// `insertPrepared` stores what GRDB's insert stores: the rows read back equal, and a taken
    /// key fails as GRDB's insert does.
    @Test func preparedInsertsReadBack() throws {
        try withRegister { r in
            let created = Date(timeIntervalSince1970: 1_772_442_000)
            let document = DocumentRecord(
                id: "WI-0901", type: "WI", number: 901, title: "Prüfen \"genau\"", owner: "alice", reviewIntervalMonths: 24, status: "draft",
                effectiveRevision: nil, latestRevision: "A", nextReviewDue: nil, lastReviewedOn: "2026-01-02", createdAt: created, obsoleteAt: nil)
            let revision = RevisionRecord(
                documentId: "WI-0901", letter: "A", seq: 1, status: "draft", title: "Prüfen", author: "alice", changeReason: "New",
                changeClass: "major", eco: nil, mainFile: "WI-0901.md", draftCommit: String(repeating: "a", count: 40),
                draftTree: String(repeating: "b", count: 40), createdAt: created, updatedAt: created.addingTimeInterval(60),
                plannedEffective: "2026-04-01", approvedAt: created.addingTimeInterval(120), effectiveOn: nil, effectiveAt: nil,
                releaseCommit: nil, tagObject: nil, supersededAt: nil, obsoleteAt: created.addingTimeInterval(3600))
            try r.register.store.write { db in
                try document.insertPrepared(db)
                try revision.insertPrepared(db)
                try DocumentAreaRecord(documentId: "WI-0901", area: "L1").insertPrepared(db)
                #expect(try DocumentRecord.fetchOne(db, key: "WI-0901") == document)
                #expect(try RevisionRecord.fetchOne(db, sql: "SELECT * FROM revision WHERE document_id = 'WI-0901'") == revision)
                #expect(try String.fetchAll(db, sql: "SELECT area FROM document_area WHERE document_id = 'WI-0901'") == ["L1"])
                #expect(throws: DatabaseError.self) { try document.insertPrepared(db) }
            }
        }
    }

    /// The oracle itself tells a record apart from one with a column missing or written differently.
    @Test func theExpectedColumnsCatchAMissingOrChangedColumn() throws {
        let document = DocumentRecord(
            id: "SOP-0001", type: "SOP", number: 1, title: "Torque", owner: "alice", reviewIntervalMonths: nil, status: "effective",
            effectiveRevision: "A", latestRevision: "A", nextReviewDue: "2027-03-02", lastReviewedOn: nil,
            createdAt: Date(timeIntervalSince1970: 1_772_442_000), obsoleteAt: nil)
        var columns = try document.databaseDictionary
        #expect(columns == expectedColumns(document))
        #expect(columns["created_at"] == "2026-03-02T09:00:00Z".databaseValue)
        #expect(columns["review_interval_months"] == .null)
        columns["obsolete_at"] = nil
        #expect(columns != expectedColumns(document))
        columns["obsolete_at"] = "".databaseValue
        #expect(columns != expectedColumns(document))
    }
}
