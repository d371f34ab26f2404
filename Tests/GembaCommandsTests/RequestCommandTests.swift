import Foundation
import GembaKit
import Testing

extension Staff {
    static let contractor = Member(username: "kai", name: "Kai Contractor", roles: ["contractor"], password: "kai-password-1")
}

/// `gemba request ...` and `gemba onboarding ...` end to end on the real binary.
@Suite struct RequestCommandTests {
    private func sign(_ s: Sandbox, _ verb: String, _ id: String, _ member: Staff.Member, _ extra: [String] = [], password: String? = nil) throws -> Outcome {
        try s.run(["request", verb, id, "--as", member.username, "--password-stdin", "--register", s.register.path] + extra, stdin: (password ?? member.password) + "\n")
    }

    @Test func aRequisitionFromSubmissionToFulfilment() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: [Staff.coordinator])
            // Submitted with its fields; the ID is printed
            let new = try s.gemba("request", "new", "purchase-requisition", "--title", "Torque wrench", "--field", "item=Torque wrench 5-25 Nm",
                                  "--field", "quantity=2", "--field", "estimated_cost_eur=640", "--field", "cost_centre=L2", "--as", "alice")
            #expect(new.succeeded && new.stdout == "REQ-\(utcDay().prefix(4))-0001\n", "\(new)")
            let id = new.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            // A missing field, a bad value, an unknown kind: one line each, status 2
            #expect(expectOneLineError(try s.gemba("request", "new", "supply-order", "--title", "Gloves", "--as", "alice")).contains("needs --field item="))
            #expect(expectOneLineError(try s.gemba("request", "new", "supply-order", "--title", "Gloves", "--field", "quantity", "--as", "alice")) == "--field 'quantity' must be name=value")
            // A wrong password and a refused fulfilment change nothing
            let before = try s.snapshot()
            #expect(expectOneLineError(try sign(s, "approve", id, Staff.approver, password: "wrong-password")).contains("wrong password for carol"))
            #expect(expectOneLineError(try s.gemba("request", "fulfil", id, "--note", "PO 1", "--as", "carol")).contains("cannot be fulfilled: it is submitted"))
            #expect(expectOneLineError(try sign(s, "approve", id, Staff.author)).contains("alice may not approve"))
            #expect(try s.snapshot().trail.count == before.trail.count + 1)
            // Approved with the password: the manifestation is printed
            let approved = try sign(s, "approve", id, Staff.approver, ["--comment", "Budget L2"])
            #expect(approved.succeeded && approved.stdout.hasPrefix("Signed \(id): Approved by Carol Approver (carol) on \(utcDay()) "), "\(approved)")
            let fulfilled = try s.gemba("request", "fulfil", id, "--note", "PO 4500018231", "--as", "carol")
            #expect(fulfilled.succeeded && fulfilled.stdout == "\(id) is fulfilled\n", "\(fulfilled)")
            #expect(try s.gemba("request", "comment", id, "Delivered to the crib", "--as", "alice").stdout == "\(id): comment 1 added\n")
            // show as text and JSON, with the signature's manifestation and verification
            let show = try s.gemba("request", "show", id)
            #expect(show.succeeded && show.stdout.contains("Signature: Approved by Carol Approver (carol) on ") && show.stdout.contains("  quantity: 2"), "\(show)")
            let view = try decodeJSON(RequestView.self, try s.gemba("request", "show", id, "--json"))
            #expect(view.summary.status == "fulfilled" && view.signature?.contentVerified == true && view.comments.count == 1)
            let list = try decodeJSON([RequestSummary].self, try s.gemba("request", "list", "--json", "--status", "fulfilled"))
            #expect(list.map(\.id) == [id])
            #expect(try s.gemba("request", "list", "--open").stdout == "No request.\n")
            #expect(try s.gemba("verify").succeeded)
        }
    }

    @Test func rejectionCancellationAndAging() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: [Staff.coordinator])
            var ids: [String] = []
            for title in ["Gloves", "Wipes", "Labels"] {
                let new = try s.gemba("request", "new", "supply-order", "--title", title, "--field", "item=\(title)", "--field", "quantity=1",
                                      "--field", "deliver_to=L2", "--as", "alice")
                ids.append(new.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            #expect(expectOneLineError(try sign(s, "reject", ids[0], Staff.approver, ["--comment", " "])) == "--comment must say why the request is rejected")
            let rejected = try sign(s, "reject", ids[0], Staff.approver, ["--comment", "Use the framework contract", "--json"])
            #expect(try decodeJSON(RequestView.self, rejected).signature?.meaning == "rejected")
            #expect(try s.gemba("request", "cancel", ids[1], "--reason", "Not needed", "--as", "alice").stdout == "\(ids[1]) is cancelled\n")
            #expect(expectOneLineError(try s.gemba("request", "cancel", ids[1], "--reason", "again", "--as", "alice")).contains("it was cancelled"))
            let aging = try decodeJSON(RequestAging.self, try s.gemba("request", "aging", "--json"))
            #expect(aging.openCount == 1 && aging.byKind.first?.name == "supply-order" && aging.requests.map(\.id) == [ids[2]])
            let text = try s.gemba("request", "aging")
            #expect(text.succeeded && text.stdout.contains("By approver:") && text.stdout.contains("any approver"), "\(text)")
            let status = try s.gemba("status", "--json")
            #expect(status.stdout.contains("\"reference\" : \"\(ids[2])\""), "\(status)")
        }
    }

    @Test func contractorAccessIsRefusedNamingWhatIsMissing() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: [Staff.coordinator, Staff.contractor])
            let new = try s.gemba("request", "new", "contractor-access", "--title", "K-1 cabinet", "--field", "company=Elektro Wagner",
                                  "--field", "contractor=kai", "--field", "site=Hall B", "--field", "from=\(utcDay(days: 1))", "--field", "to=\(utcDay(days: 2))",
                                  "--field", "escort=alice", "--field", "work=Contactor", "--field", "certifications=electrical-qualified", "--as", "carl")
            let id = new.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let cert = try s.gemba("cert", "add", "kai", "--kind", "electrical-qualified", "--issued", utcDay(days: -400), "--expires", utcDay(days: -35), "--as", "carl")
            #expect(cert.succeeded, "\(cert)")
            let refused = expectOneLineError(try sign(s, "approve", id, Staff.approver))
            #expect(refused.contains("the safety induction POL-002 has no effective revision") && refused.contains("certificate of kai expired on \(utcDay(days: -35))"), "\(refused)")
            #expect(try decodeJSON(RequestView.self, try s.gemba("request", "show", id, "--json")).summary.status == "submitted")
        }
    }

    @Test func onboardingStartAndStatus() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: [Staff.coordinator, Staff.operatorOlga])
            _ = try s.effectiveSOP(title: "Torque the wheel nuts")
            #expect(expectOneLineError(try s.gemba("onboarding", "start", "olga", "--as", "alice")).contains("alice may not start onboarding plans"))
            let start = try s.gemba("onboarding", "start", "olga", "--as", "carl")
            #expect(start.succeeded && start.stdout.hasPrefix("Started the onboarding plan of Olga Operator (olga): 5 item(s) added"), "\(start)")
            let status = try s.gemba("onboarding", "status", "olga")
            #expect(status.status == 0 && status.stdout.contains("Certifications to obtain: 0/2") && status.stdout.contains("In progress, nothing late."), "\(status)")
            let plan = try decodeJSON(OnboardingView.self, try s.gemba("onboarding", "status", "olga", "--json"))
            #expect(plan.items.count == 5 && plan.late == 0)
            let all = try decodeJSON([OnboardingView].self, try s.gemba("onboarding", "status", "--json"))
            #expect(all.map(\.username) == ["olga"])
            let again = try s.gemba("onboarding", "start", "olga", "--as", "carl")
            #expect(again.stdout == "Updated the onboarding plan of Olga Operator (olga): 0 item(s) added\n", "\(again)")
            #expect(try s.gemba("verify").succeeded)
        }
    }
}
