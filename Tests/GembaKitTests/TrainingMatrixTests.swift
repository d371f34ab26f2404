import Foundation
import GRDB
import Testing
@testable import GembaKit

/// The training matrix, the overdue list and the late items for `gemba status`.
@Suite struct TrainingMatrixTests {
    /// Two effective SOPs: olga read the first, otto read nothing; after `days` days.
    private func givenTwoSOPs(_ r: TestRegister, after days: Int) throws -> (String, String) {
        let first = try r.releasedDocument()
        let second = try r.releasedDocument(text: "# Steps\n\n1. Check the torque.\n")
        try r.register.setAreas(of: "olga", to: ["L2"], by: "carl")
        try r.register.setAreas(of: "otto", to: ["L3"], by: "carl")
        r.advance(days: 1)
        try r.read(first, by: "olga")
        r.advance(days: days - 1)
        return (first, second)
    }

    @Test func theMatrixShowsTrainedDueAndOverdue() throws {
        try withTrainingRegister { r in
            let (first, second) = try givenTwoSOPs(r, after: 20)
            let matrix = try r.register.trainingMatrix()

            #expect(matrix.date == r.today.description)
            #expect(matrix.people.map(\.username) == ["olga", "otto"])
            #expect(matrix.people.first?.areas == ["L2"])
            #expect(matrix.documents.map(\.id) == [first, second])
            #expect(matrix.documents.allSatisfy { $0.revision == "A" && $0.requiredRoles == ["operator"] })
            let trained = try #require(matrix.cell("olga", first))
            #expect(trained.status == .trained && trained.signedAt != nil)
            let late = try #require(matrix.cell("otto", first))
            #expect(late.status == .overdue && late.daysOverdue == 6 && late.dueDate == startOfTestsDay.addingDays(14).description)
            #expect(matrix.counts == ["trained": 1, "due": 0, "overdue": 3, "unassigned": 0])
            // Nobody else must read them: no cell for rita
            #expect(matrix.cell("rita", first) == nil)
        }
    }

    @Test func theMatrixFiltersByRoleAndArea() throws {
        try withTrainingRegister { r in
            let (first, _) = try givenTwoSOPs(r, after: 5)
            #expect(try r.register.trainingMatrix(area: "L2").people.map(\.username) == ["olga"])
            #expect(try r.register.trainingMatrix(area: "QA").cells.isEmpty)
            #expect(try r.register.trainingMatrix(role: "reviewer").cells.isEmpty)
            #expect(try r.register.trainingMatrix(role: "operator", area: "L3").cell("otto", first)?.status == .due)
            #expect(throws: GembaError.self) { try r.register.trainingMatrix(role: "wizard") }
            #expect(throws: GembaError.self) { try r.register.trainingMatrix(area: "L9") }
        }
    }

    @Test func theMatrixAsCSV() throws {
        try withTrainingRegister { r in
            let (first, second) = try givenTwoSOPs(r, after: 20)
            let signed = try #require(try r.assignment(first, "A", "olga")?.acknowledgement?.signedAt.prefix(10))
            let due = startOfTestsDay.addingDays(14)
            #expect(try r.register.trainingMatrix().csv() == """
                user,name,roles,areas,\(first) rev A,\(second) rev A\r
                olga,Olga Operator,operator,L2,trained rev A \(signed),overdue \(due)\r
                otto,Otto Operator,operator,L3,overdue \(due),overdue \(due)\r

                """)
        }
    }

    @Test func csvFieldsAreQuotedAndNeverFormulas() {
        #expect(TrainingMatrix.field("plain") == "plain")
        #expect(TrainingMatrix.field("Brandt, Thomas") == "\"Brandt, Thomas\"")
        #expect(TrainingMatrix.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(TrainingMatrix.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(TrainingMatrix.field("-1") == "'-1")
    }

    @Test func overdueAndLateItems() throws {
        try withTrainingRegister { r in
            // Given two SOPs released on day 0, due on day 14; olga read the first
            let (first, second) = try givenTwoSOPs(r, after: 14)
            // On the due day nothing is overdue yet, but everything open is due
            #expect(try r.register.trainingOverdue().isEmpty)
            #expect(try r.register.trainingDue(withinDays: 0).count == 3)

            // A week later three assignments are overdue, most overdue first
            r.advance(days: 7)
            let overdue = try r.register.trainingOverdue()
            #expect(overdue.count == 3 && overdue.allSatisfy { $0.daysOverdue == 7 })
            #expect(Set(overdue.map { "\($0.username) \($0.document)" }) == ["olga \(second)", "otto \(first)", "otto \(second)"])

            // The late items for gemba status: kind training, reference DOC rev X, owner the trainee
            try r.register.addCertification(
                NewCertification(username: "otto", kind: "forklift", issued: r.today.addingDays(-700), expires: r.today.addingDays(20)), by: "carl")
            let items = try r.register.trainingLateItems(withinDays: 30)
            let training = items.filter { $0.kind == "training" }
            #expect(training.count == 3 && training.allSatisfy { $0.daysOverdue == 7 && $0.reference.hasSuffix(" rev A") })
            #expect(training.contains { $0.owner == "olga" && $0.reference == "\(second) rev A" && $0.title.contains("Olga Operator") })
            let certificate = try #require(items.first { $0.kind == "certification" })
            #expect(certificate.reference == "otto/forklift" && certificate.owner == "otto" && certificate.daysOverdue == -20)
            #expect(items.last == certificate)
            #expect(try r.register.trainingLateItems(withinDays: 10).filter { $0.kind == "certification" }.isEmpty)
        }
    }
}

/// The day every test register starts on.
let startOfTestsDay = Day(startOfTests)
