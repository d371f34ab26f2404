import Foundation
import Testing
@testable import GembaKit

@Suite struct ContractorAccessTests {
    @Test func refusedWhileTheInductionIsUnreadOrTheCertificateMissing() throws {
        try withRequestRegister { r in
            // Given an access request for kai before the induction exists, then before he read it
            let id = try r.contractorAccess()
            #expect(throws: GembaError.state("\(id) cannot be approved: the safety induction POL-002 has no effective revision to read; kai holds no electrical-qualified certificate")) {
                try r.register.approveRequest(id, signer: r.credentials("pete"))
            }
            try r.inductionRead(false)
            #expect(throws: GembaError.state("\(id) cannot be approved: kai has not read the safety induction POL-002 rev A (`gemba training sign POL-002`); kai holds no electrical-qualified certificate")) {
                try r.register.approveRequest(id, signer: r.credentials("pete"))
            }
            // When he reads it and holds a certificate valid on every access day, it is approved
            _ = try r.register.signTraining("POL-002", signer: r.credentials("kai"))
            try r.certificate(issuedDaysAgo: 100, validDays: 365)
            let approved = try r.register.approveRequest(id, signer: r.credentials("pete"))
            #expect(approved.summary.status == "approved" && approved.signature?.contentVerified == true)
            // Rejection is not held back by missing training
            let other = try r.contractorAccess(certifications: "first-aid")
            #expect(try r.register.rejectRequest(other, signer: r.credentials("pete"), comment: "Wrong dates").summary.status == "rejected")
        }
    }

    @Test func aCertificateExpiringWithinTheAccessDaysIsRefusedThenRenewed() throws {
        try withRequestRegister { r in
            try r.inductionRead()
            // The certificate is valid today but expires on the day after the first access day
            try r.certificate(issuedDaysAgo: 363, validDays: 365)
            let id = try r.contractorAccess(from: 1, to: 3)
            #expect(throws: GembaError.state("\(id) cannot be approved: the electrical-qualified certificate of kai expires on \(r.today.addingDays(2)), before the last access day \(r.today.addingDays(3))")) {
                try r.register.approveRequest(id, signer: r.credentials("pete"))
            }
            // Already expired before access
            r.advance(days: 1)
            let later = try r.contractorAccess(from: 5, to: 6)
            #expect(throws: GembaError.state("\(later) cannot be approved: the electrical-qualified certificate of kai expired on \(r.today.addingDays(1))")) {
                try r.register.approveRequest(later, signer: r.credentials("pete"))
            }
            // Renewed: both can go
            try r.certificate(issuedDaysAgo: 0, validDays: 1095)
            #expect(try r.register.approveRequest(id, signer: r.credentials("pete")).summary.status == "approved")
            #expect(try r.register.approveRequest(later, signer: r.credentials("pete")).summary.status == "approved")
        }
    }

    @Test func policyCertificationsApplyToEveryRequestAndTheWindowMustNotBeOver() throws {
        try withRequestRegister(requests: { $0.replacingOccurrences(of: "certifications: []", with: "certifications: [first-aid]") }) { r in
            try r.inductionRead()
            try r.certificate(issuedDaysAgo: 10, validDays: 365)
            let id = try r.contractorAccess(from: 0, to: 1)
            #expect(throws: GembaError.state("\(id) cannot be approved: kai holds no first-aid certificate")) {
                try r.register.approveRequest(id, signer: r.credentials("pete"))
            }
            try r.certificate("kai", "first-aid", issuedDaysAgo: 10, validDays: 365)
            r.advance(days: 2)
            #expect(throws: GembaError.state("\(id) cannot be approved: the access window ended on \(r.today.addingDays(-1))")) {
                try r.register.approveRequest(id, signer: r.credentials("pete"))
            }
        }
    }
}
