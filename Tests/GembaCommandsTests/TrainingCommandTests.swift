import Foundation
import GembaKit
import Testing

extension Staff {
    static let operatorOlga = Member(username: "olga", name: "Olga Operator", roles: ["operator"], password: "olga-password-1")
    static let coordinator = Member(username: "carl", name: "Carl Coordinator", roles: ["coordinator"], password: "carl-password-1")
}

/// `gemba training ...` end to end on the real binary.
@Suite struct TrainingCommandTests {
    private func readAndUnderstood(_ s: Sandbox, _ id: String, _ member: Staff.Member, password: String? = nil) throws -> Outcome {
        try s.gemba("training", "sign", id, "--as", member.username, "--password-stdin", stdin: (password ?? member.password) + "\n")
    }

    @Test func anOperatorReadsAndSignsTheNewSOP() throws {
        try Sandbox.with { s in
            // Given a plant with an operator, and an SOP just made effective
            try s.setUpPlant(extra: [Staff.operatorOlga, Staff.coordinator])
            let id = try s.effectiveSOP(title: "Torque the wheel nuts")

            // Then the operator has it in her list, due in 14 days
            let list = try s.gemba("training", "list", "--as", "olga")
            #expect(list.succeeded && list.stdoutLines.count == 3 && list.stdout.contains("\(id)  A    open    \(utcDay(days: 14))"), "\(list)")
            let mine = try decodeJSON([TrainingAssignmentView].self, try s.gemba("training", "list", "--as", "olga", "--json"))
            #expect(mine.map(\.reference) == ["\(id) rev A"] && mine.first?.dueDate == utcDay(days: 14))

            // When she types a wrong password, nothing is signed (one-line error, status 2)
            #expect(expectOneLineError(try readAndUnderstood(s, id, Staff.operatorOlga, password: "wrong-password")).contains("wrong password for olga"))

            // When she signs with her password
            let signed = try readAndUnderstood(s, id, Staff.operatorOlga)

            // Then the manifestation is printed, and the acknowledgement names rev A's release commit
            #expect(signed.succeeded && signed.stdout.hasPrefix("Signed \(id) rev A: Read and understood by Olga Operator (olga) on "), "\(signed)")
            let status = try decodeJSON(TrainingDocumentStatus.self, try s.gemba("training", "show", id, "--json"))
            let main = try s.git("rev-parse", "refs/heads/main").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let acknowledgement = try #require(status.assignments.first?.acknowledgement)
            #expect(acknowledgement.commit == main && acknowledgement.contentVerified && acknowledgement.meaning == "read and understood")
            #expect(status.requirement.roles == ["operator"] && status.requirement.source == "type")
            #expect(try s.gemba("training", "list", "--as", "olga").stdout == "Nothing to read for olga.\n")

            // Signing again, or for someone never assigned, is refused in one line
            #expect(expectOneLineError(try readAndUnderstood(s, id, Staff.operatorOlga)).contains("olga has no open training assignment for \(id)"))
            #expect(expectOneLineError(try readAndUnderstood(s, id, Staff.reviewer)).contains("bob has no open training assignment"))
            #expect(try s.gemba("verify").succeeded)
        }
    }

    @Test func theMatrixAsTextJSONAndCSV() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: [Staff.operatorOlga, Staff.coordinator])
            let id = try s.effectiveSOP(title: "Torque the wheel nuts")
            #expect(try s.gemba("user", "areas", "olga", "--set", "L2,QA", "--as", "carl").stdout == "olga: L2, QA\n")

            let text = try s.gemba("training", "matrix")
            #expect(text.succeeded && text.stdout.contains("olga  Olga Operator  due"), "\(text)")
            #expect(text.stdout.contains("\(id)/A") && text.stdout.contains("Trained 0, due 1, overdue 0, not assigned 0"))
            let matrix = try decodeJSON(TrainingMatrix.self, try s.gemba("training", "matrix", "--json", "--area", "L2"))
            #expect(matrix.people.map(\.username) == ["olga"] && matrix.cell("olga", id)?.status == .due)
            let csv = try s.gemba("training", "matrix", "--csv", "--role", "operator")
            #expect(csv.stdout == "user,name,roles,areas,\(id) rev A\r\nolga,Olga Operator,operator,L2 QA,due \(utcDay(days: 14))\r\n", "\(csv)")
            #expect(try s.gemba("training", "matrix", "--area", "L3").stdout.contains("Nobody here must read any effective document."))

            // Wrong input: both formats, an unknown area
            let both = try s.gemba("training", "matrix", "--json", "--csv")
            #expect(both.status == 64 && both.stderr.contains("give --json or --csv, not both"), "\(both)")
            #expect(expectOneLineError(try s.gemba("training", "matrix", "--area", "L9")).contains("unknown area 'L9'"))
        }
    }

    @Test func overdueExitsZeroWhenNothingIsLate() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: [Staff.operatorOlga])
            _ = try s.effectiveSOP(title: "Torque the wheel nuts")
            let overdue = try s.gemba("training", "overdue")
            #expect(overdue.succeeded && overdue.stdout == "No training is overdue.\n", "\(overdue)")
            #expect(try decodeJSON([TrainingAssignmentView].self, try s.gemba("training", "due", "--within", "14", "--json")).count == 1)
            #expect(try s.gemba("training", "due", "--within", "13").stdout == "No training is due within 13 days.\n")
        }
    }

    @Test func rolesGivenLaterAndDocumentRequirements() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: [Staff.coordinator])
            let id = try s.effectiveSOP(title: "Torque the wheel nuts")

            // When the administrator makes bob an operator (administrator's password on stdin)
            let roles = try s.gemba("user", "roles", "bob", "--add", "operator", "--as", "ada", "--password-stdin", stdin: Staff.admin.password + "\n")
            #expect(roles.succeeded && roles.stdout == "bob now has roles: operator, reviewer\nAssigned: bob (\(id) rev A, due \(utcDay(days: 30)))\n", "\(roles)")
            #expect(expectOneLineError(try s.gemba("user", "roles", "bob", "--remove", "operator", "--as", "ada", "--password-stdin", stdin: "wrong\n")).contains("wrong password for ada"))
            let nothing = try s.gemba("user", "roles", "bob", "--as", "ada", "--password-stdin", stdin: Staff.admin.password + "\n")
            #expect(nothing.status == 64, "\(nothing)")

            // When the coordinator says only approvers must read the SOP
            let require = try s.gemba("training", "require", id, "--role", "approver", "--reason", "Management procedure", "--as", "carl")
            #expect(require.succeeded && require.stdout.contains("must be read by holders of approver (set for the document by carl"), "\(require)")
            #expect(require.stdout.contains("Assigned: carol (\(id) rev A") && require.stdout.contains("Cancelled: bob (\(id) rev A)"))
            let requirements = try decodeJSON([TrainingRequirementView].self, try s.gemba("training", "requirements", "--json"))
            #expect(requirements.map(\.source) == ["document"] && requirements.first?.reason == "Management procedure")
            #expect(expectOneLineError(try s.gemba("training", "require", id, "--role", "approver", "--reason", "x", "--as", "alice")).contains("alice may not change training requirements"))
            #expect(try s.gemba("training", "require", id, "--none", "--type-default", "--reason", "x", "--as", "carl").status == 64)
            #expect(try s.gemba("training", "require", id, "--type-default", "--reason", "Back to SOP rules", "--as", "carl").succeeded)
            #expect(try s.trail().contains { $0.action == "training.require-type" && $0.actor == "carl" })
        }
    }

    @Test func certificatesAddListAndDue() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: [Staff.operatorOlga, Staff.coordinator])
            let added = try s.gemba("cert", "add", "olga", "--kind", "forklift", "--issued", utcDay(days: -1000), "--expires", utcDay(days: 30),
                                    "--reference", "FL-2024-0001", "--as", "carl")
            #expect(added.succeeded && added.stdout == "Recorded Forklift truck operator of Olga Operator (olga), issued \(utcDay(days: -1000)), valid until \(utcDay(days: 30))\n", "\(added)")
            #expect(try s.gemba("cert", "add", "olga", "--kind", "first-aid", "--issued", utcDay(days: -800), "--expires", utcDay(days: -70), "--as", "carl").succeeded)
            #expect(expectOneLineError(try s.gemba("cert", "add", "olga", "--kind", "forklift", "--issued", "2026-02-30", "--expires", "2027-01-01", "--as", "carl"))
                .contains("--issued '2026-02-30' is not a date"))
            #expect(expectOneLineError(try s.gemba("cert", "add", "olga", "--kind", "forklift", "--issued", utcDay(), "--expires", utcDay(days: 9), "--as", "alice"))
                .contains("alice may not record certifications"))

            let list = try decodeJSON([CertificationView].self, try s.gemba("cert", "list", "--user", "olga", "--json"))
            #expect(list.map(\.status) == ["expired", "renewal due"])
            let due = try s.gemba("cert", "due")
            #expect(due.succeeded && due.stdoutLines.count == 4 && due.stdout.contains("EXPIRED 70 d ago") && due.stdout.contains("renewal due (30 d left)"), "\(due)")
            #expect(try decodeJSON([CertificationView].self, try s.gemba("cert", "due", "--within", "10", "--json")).map(\.kind) == ["first-aid"])
            #expect(try s.gemba("verify").succeeded)
        }
    }
}
