import Foundation
import Testing
@testable import GembaKit

/// A fresh register with the shipped `requests.yaml` (edited by `edit`), `training.yaml`, an
/// operator olga, and a contractor kai.
func withRequestRegister<T>(requests edit: @escaping (String) -> String = { $0 }, _ body: (TestRegister) throws -> T) throws -> T {
    let requests = try String(contentsOf: shippedPolicyFolder.appendingPathComponent(RequestPolicy.fileName), encoding: .utf8)
    let training = try String(contentsOf: shippedPolicyFolder.appendingPathComponent(TrainingPolicy.fileName), encoding: .utf8)
    return try withRegister(policies: [RequestPolicy.fileName: { _ in edit(requests) }, TrainingPolicy.fileName: { _ in training }]) { r in
        for (username, name, role) in [("olga", "Olga Operator", "operator"), ("kai", "Kai Contractor", "contractor")] {
            try r.register.addUser(NewUser(username: username, name: name, roles: [role], password: TestRegister.password), by: r.credentials("ada"))
        }
        return try body(r)
    }
}

extension TestRegister {
    /// A purchase requisition submitted by rob (an author), decided by any approver.
    @discardableResult
    func requisition(by username: String = "rob", approver: String? = nil) throws -> String {
        try register.submitRequest(NewRequest(kind: "purchase-requisition", title: "Torque wrench", fields: [
            "item": "Torque wrench 5-25 Nm", "quantity": "2", "estimated_cost_eur": "640", "cost_centre": "L2",
        ], approver: approver), by: username).summary.id
    }

    /// Contractor access for kai from `from` to `to` days from today, asking for `certifications`.
    func contractorAccess(from: Int = 1, to: Int = 3, certifications: String? = "electrical-qualified") throws -> String {
        var fields = [
            "company": "Elektro Wagner", "contractor": "kai", "site": "Hall B", "from": today.addingDays(from).description,
            "to": today.addingDays(to).description, "escort": "rob", "work": "Replace a contactor",
        ]
        fields["certifications"] = certifications
        return try register.submitRequest(NewRequest(kind: "contractor-access", title: "K-1 cabinet", fields: fields), by: "carl").summary.id
    }

    /// The safety induction POL-002 made effective; kai signs it "read and understood" when `read`.
    func inductionRead(_ read: Bool = true) throws {
        let id = try createDocument("POLICY", title: "EHS policy", number: 2)
        try startReview(id)
        try sign(id, "quinn", .reviewed)
        try sign(id, "pete", .approved)
        try sign(id, "pam", .approved)
        _ = try register.requireTraining(id, roles: ["contractor"], reason: "Safety induction", by: "carl")
        if read { _ = try register.signTraining(id, signer: credentials("kai")) }
    }

    func certificate(_ username: String = "kai", _ kind: String = "electrical-qualified", issuedDaysAgo: Int, validDays: Int) throws {
        let issued = today.addingDays(-issuedDaysAgo)
        try register.addCertification(NewCertification(username: username, kind: kind, issued: issued, expires: issued.addingDays(validDays)), by: "carl")
    }
}
