import Foundation
import Testing
@testable import GembaKit

@Suite struct RequestTransitionTests {
    @Test func aRequisitionIsSubmittedApprovedAndFulfilled() throws {
        try withRequestRegister { r in
            // Given a requisition submitted by rob
            let id = try r.requisition()
            let submitted = try r.register.requestView(id)
            #expect(id == "REQ-2026-0001" && submitted.summary.status == "submitted" && submitted.summary.dueDate == r.today.addingDays(5).description)
            #expect(submitted.details.map(\.name) == ["item", "quantity", "estimated_cost_eur", "cost_centre", "supplier"] && submitted.details.last?.value == nil)

            // When pete approves with his password, then carl... may not fulfil (needs the approver role), pete does
            r.advance(days: 1)
            let approved = try r.register.approveRequest(id, signer: r.credentials("pete"), comment: "Budget L2")
            let signature = try #require(approved.signature)
            #expect(approved.summary.status == "approved" && approved.summary.approver == "pete")
            #expect(signature.meaning == "approved" && signature.name == "Pete Approver" && signature.contentVerified)
            #expect(signature.manifestation == "Approved by Pete Approver (pete) on 2026-03-03 09:00:00 UTC")
            #expect(throws: GembaError.self) { try r.register.fulfilRequest(id, note: "PO 1", by: "carl") }
            let fulfilled = try r.register.fulfilRequest(id, note: "PO 4500018231", by: "pete")
            #expect(fulfilled.summary.status == "fulfilled" && fulfilled.closeNote == "PO 4500018231" && fulfilled.nextStep == nil)

            // Then every step is in the trail, and verify checks the signature
            #expect(try r.actions(entity: id) == ["request.submit", "request.sign", "request.approve", "request.fulfil"])
            #expect(try r.register.verify().isClean)
            #expect(try r.register.verify().checked["request signatures"] == 1)
        }
    }

    @Test func refusedTransitionsWriteNothing() throws {
        try withRequestRegister { r in
            let id = try r.requisition()
            let trail = try r.register.trail().count
            // A submitted request cannot be fulfilled
            #expect(throws: GembaError(.state, "\(id) cannot be fulfilled: it is submitted and waits for approval by a holder of approver")) {
                try r.register.fulfilRequest(id, note: "PO", by: "pete")
            }
            // Rejected: no approval, no fulfilment, no cancel, no second rejection
            _ = try r.register.rejectRequest(id, signer: r.credentials("pete"), comment: "Use the framework contract")
            let rejected = try r.register.requestView(id)
            #expect(rejected.summary.status == "rejected" && rejected.signature?.meaning == "rejected" && rejected.signature?.comment == "Use the framework contract")
            for attempt in [
                { _ = try r.register.approveRequest(id, signer: r.credentials("pam")) },
                { _ = try r.register.rejectRequest(id, signer: r.credentials("pam"), comment: "No") },
                { _ = try r.register.fulfilRequest(id, note: "PO", by: "pete") },
                { _ = try r.register.cancelRequest(id, reason: "Not needed", by: "rob") },
            ] as [() throws -> Void] {
                let error = try #require(throws: GembaError.self, performing: attempt)
                #expect(error.kind == .state && error.message.contains("it was rejected"))
            }
            #expect(try r.register.trail().count == trail + 2)
            // A fulfilled request cannot be cancelled; a cancelled one cannot be approved
            let second = try r.requisition()
            _ = try r.register.approveRequest(second, signer: r.credentials("pete"))
            _ = try r.register.fulfilRequest(second, note: "PO 2", by: "pam")
            #expect(throws: GembaError(.state, "\(second) cannot be cancelled: it is fulfilled and closed")) {
                try r.register.cancelRequest(second, reason: "x", by: "rob")
            }
            let third = try r.requisition()
            #expect(try r.register.cancelRequest(third, reason: "Bought with the next order", by: "rob").summary.status == "cancelled")
            #expect(throws: GembaError(.state, "\(third) cannot be approved: it was cancelled; submit a new request")) {
                try r.register.approveRequest(third, signer: r.credentials("pete"))
            }
            // An approved request may still be cancelled, by an approver
            let fourth = try r.requisition()
            _ = try r.register.approveRequest(fourth, signer: r.credentials("pete"))
            #expect(throws: GembaError(.state, "\(fourth) cannot be approved: it is approved and waits to be fulfilled by a holder of approver")) {
                try r.register.approveRequest(fourth, signer: r.credentials("pam"))
            }
            #expect(throws: GembaError(.state, "\(fourth) cannot be rejected: it is approved and waits to be fulfilled by a holder of approver")) {
                try r.register.rejectRequest(fourth, signer: r.credentials("pam"), comment: "Too late")
            }
            #expect(try r.register.cancelRequest(fourth, reason: "Supplier discontinued it", by: "pam").summary.status == "cancelled")
            #expect(try r.register.verify().isClean)
        }
    }

    @Test func permissionsAreChecked() throws {
        try withRequestRegister { r in
            let id = try r.requisition(approver: "pam")
            // Not an approver; the requester; not the named approver; a wrong password
            #expect(throws: GembaError.permission("carl may not approve \(id): it needs the role approver (policies/requests.yaml)")) {
                try r.register.approveRequest(id, signer: r.credentials("carl"))
            }
            #expect(throws: GembaError.permission("\(id) is for pam to decide, not pete")) {
                try r.register.approveRequest(id, signer: r.credentials("pete"))
            }
            let own = try r.requisition(by: "vera")
            #expect(throws: GembaError.permission("vera submitted \(own) and may not also approve it; another holder of approver decides")) {
                try r.register.approveRequest(own, signer: r.credentials("vera"))
            }
            let wrong = try #require(throws: GembaError.self) { try r.register.approveRequest(id, signer: r.credentials("pam", password: "wrong password")) }
            #expect(wrong.kind == .authentication)
            #expect(try r.register.requestView(id).summary.status == "submitted")
            // Cancelling someone else's request needs the approver role
            #expect(throws: GembaError.permission("olga may not cancel \(id) (its requester rob or a holder of approver may)")) {
                try r.register.cancelRequest(id, reason: "x", by: "olga")
            }
            // A named approver must hold the role; rejection needs a reason
            #expect(throws: GembaError.invalid("--approver rob does not hold the role approver that approves a purchase requisition (policies/requests.yaml)")) {
                try r.requisition(by: "carl", approver: "rob")
            }
            #expect(throws: GembaError.invalid("--comment must say why the request is rejected")) {
                try r.register.rejectRequest(id, signer: r.credentials("pam"), comment: " ")
            }
        }
    }

    @Test func fieldsAreCheckedAgainstTheKind() throws {
        try withRequestRegister { r in
            func submit(_ kind: String, _ fields: [String: String]) throws {
                _ = try r.register.submitRequest(NewRequest(kind: kind, title: "T", fields: fields), by: "rob")
            }
            #expect(throws: GembaError.invalid("unknown request kind 'coffee'; policies/requests.yaml defines contractor-access, facilities-work-order, purchase-requisition, supply-order, system-access")) {
                try submit("coffee", [:])
            }
            #expect(throws: GembaError.invalid("a supply order needs --field item=... (text)")) { try submit("supply-order", ["quantity": "1", "deliver_to": "L2"]) }
            #expect(throws: GembaError.invalid("--field quantity must be a number of 0 or more, not 'many'")) {
                try submit("supply-order", ["item": "Gloves", "quantity": "many", "deliver_to": "L2"])
            }
            #expect(throws: GembaError.invalid("unknown area 'L9'; policies/training.yaml defines L1, L2, L3, QA, Maintenance, EHS, Management")) {
                try submit("supply-order", ["item": "Gloves", "quantity": "1", "deliver_to": "L9"])
            }
            #expect(throws: GembaError.invalid("a supply order has no field 'colour'; its fields are item, quantity, deliver_to (policies/requests.yaml)")) {
                try submit("supply-order", ["item": "Gloves", "quantity": "1", "deliver_to": "L2", "colour": "blue"])
            }
            #expect(throws: GembaError.invalid("--field priority must be one of low, normal, urgent, not 'asap'")) {
                try submit("facilities-work-order", ["area": "L1", "location": "Hall", "work": "Fix", "priority": "asap"])
            }
            let error = try #require(throws: GembaError.self) { try r.contractorAccess(from: 3, to: 1) }
            #expect(error.message.contains("is after --field to="))
            #expect(throws: GembaError.self) { try r.contractorAccess(from: -5, to: -1) }
            #expect(throws: GembaError.invalid("unknown certification kind 'welding'; policies/training.yaml defines dry-room-access, electrical-qualified, electrolyte-handling, first-aid, forklift, loto-authorised")) {
                try r.contractorAccess(certifications: "welding")
            }
            #expect(try r.register.requests().isEmpty)
        }
    }

    @Test func commentsAgingAndLateItems() throws {
        try withRequestRegister { r in
            let old = try r.requisition()
            r.advance(days: 10)
            let recent = try r.requisition(approver: "pete")
            _ = try r.register.commentOnRequest(old, text: "Any news?", by: "rob")
            #expect(try r.register.requestView(old).comments.map(\.text) == ["Any news?"])
            #expect(throws: GembaError.self) { try r.register.commentOnRequest(old, text: "  ", by: "rob") }

            let aging = try r.register.requestAging()
            #expect(aging.openCount == 2 && aging.buckets == ["0-7", "8-14", "15-30", "over 30"])
            #expect(aging.byKind.map(\.name) == ["purchase-requisition"] && aging.byKind.first?.buckets == [1, 1, 0, 0] && aging.byKind.first?.overdue == 1)
            #expect(aging.byApprover.map(\.name) == ["any approver", "pete"] && aging.requests.first?.id == old)

            let late = try r.register.requestLateItems(withinDays: 7)
            #expect(late.map(\.reference) == [old, recent] && late.first?.daysOverdue == 5 && late.last?.owner == "pete")
            #expect(try r.register.requestLateItems(withinDays: 0).map(\.reference) == [old])
            #expect(try r.register.status(withinDays: 7).items.contains { $0.kind == "request" && $0.reference == old })
        }
    }

    @Test func verifyFindsASignedRequestChangedOutsideGemba() throws {
        try withRequestRegister { r in
            let id = try r.requisition()
            _ = try r.register.approveRequest(id, signer: r.credentials("pete"))
            let db = try r.database()
            try db.write { db in
                try db.execute(sql: "UPDATE request SET details = json_set(details, '$.quantity', '20') WHERE id = ?", arguments: [id])
            }
            let problems = try r.register.verify().problems
            #expect(problems.contains("\(id): the approved signature of Pete Approver no longer matches the request's content (changed outside gemba)"), "\(problems)")
            #expect(try r.register.requestView(id).signature?.contentVerified == false)
        }
    }
}
