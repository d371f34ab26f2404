import Crypto
import Foundation
import GRDB

extension Register {
    /// Approves a submitted request: an e-signature (meaning "approved") by a holder of the
    /// kind's approver role, with the password, bound to the SHA-256 of the request's content.
    /// Contractor access is refused while the contractor lacks the induction or a certificate.
    public func approveRequest(_ id: String, signer: SignerCredentials, comment: String? = nil) throws -> RequestView {
        try decideRequest(id, meaning: .approved, signer: signer, comment: comment)
    }

    /// Rejects a submitted request: an e-signature (meaning "rejected") with the reason.
    public func rejectRequest(_ id: String, signer: SignerCredentials, comment: String) throws -> RequestView {
        guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw GembaError.invalid("--comment must say why the request is rejected")
        }
        return try decideRequest(id, meaning: .rejected, signer: signer, comment: comment)
    }

    private func decideRequest(_ id: String, meaning: RequestSignatureMeaning, signer: SignerCredentials, comment: String?) throws -> RequestView {
        let comment = try comment.map { try AuditText.paragraph($0, "--comment", max: 2000) }
        let doing = meaning == .approved ? "approve" : "reject"
        let training = try trainingPolicy()
        let policy = try requestPolicy()
        let requestID = try exclusively {
            let request = try store.read { db -> RequestRecord in
                let request = try requestRecord(db, id)
                let user = try activeUser(db, signer.username)
                guard request.state == .submitted else { throw requestRefusal(request, meaning.rawValue) }
                guard user.roleList.contains(request.approverRole) else {
                    throw GembaError.permission("\(signer.username) may not \(doing) \(request.id): it needs the role \(request.approverRole) (policies/requests.yaml)")
                }
                if let named = request.approver, named != signer.username {
                    throw GembaError.permission("\(request.id) is for \(named) to decide, not \(signer.username)")
                }
                guard request.requester != signer.username else {
                    throw GembaError.permission("\(signer.username) submitted \(request.id) and may not also \(doing) it; another holder of \(request.approverRole) decides")
                }
                if meaning == .approved, let rule = policy.kinds[request.kind]?.contractorAccess {
                    let missing = try contractorAccessGaps(db, request, rule, training: training)
                    if !missing.isEmpty {
                        throw GembaError.state("\(request.id) cannot be approved: \(missing.joined(separator: "; "))")
                    }
                }
                return request
            }
            let user = try authenticateSigner(signer.username, password: signer.password, for: "\(meaning == .approved ? "approval" : "rejection") of \(request.id)")
            try store.write { db in
                var current = try requestRecord(db, request.id)
                guard current == request else { throw GembaError(.conflict, "\(request.id) changed meanwhile; look at it again and retry") }
                let now = now()
                let actor = Actor(username: user.username, at: now, reason: comment)
                try resetFailedAttempts(db, user, by: actor)
                var signature = RequestSignatureRecord(
                    id: nil, requestId: request.id, meaning: meaning.rawValue, username: user.username, printedName: user.name, signedAt: now,
                    contentHash: try Register.requestContentHash(request), comment: comment)
                try signature.insert(db)
                try AuditTrail.recordInsert(db, .requestSignature, key: signature.key, action: "request.sign", by: actor)
                current.status = meaning == .approved ? RequestStatus.approved.rawValue : RequestStatus.rejected.rawValue
                current.approver = user.username
                current.decidedBy = user.username
                current.decidedAt = now
                current.updatedAt = now
                try AuditTrail.track(db, .request, key: request.id, action: "request.\(meaning == .approved ? "approve" : "reject")", by: actor) {
                    try current.update(db)
                }
            }
            return request.id
        }
        return try requestView(requestID)
    }

    /// SHA-256 of what an approval or rejection vouches for: the request as submitted (kind,
    /// title, details, requester, roles, due date, submission time), as sorted-key JSON.
    static func requestContentHash(_ request: RequestRecord) throws -> String {
        let content: [String: Any] = [
            "id": request.id, "kind": request.kind, "title": request.title, "details": request.detailValues, "requester": request.requester,
            "approver_role": request.approverRole, "fulfiller_role": request.fulfillerRole, "due_on": request.dueOn,
            "submitted_at": Timestamp.string(request.submittedAt),
        ]
        let data = try JSONSerialization.data(withJSONObject: content, options: [.sortedKeys, .withoutEscapingSlashes])
        return SHA256.hash(data: data).lowercaseHex
    }

    /// Part of `verify`: every approval and rejection still matches the request it signed.
    func verifyRequestSignatures(_ report: inout VerificationReport) throws {
        let (count, problems) = try store.read { db -> (Int, [String]) in
            var problems: [String] = []
            let signatures = try RequestSignatureRecord.order(Column("id")).fetchAll(db)
            for signature in signatures {
                guard let request = try RequestRecord.fetchOne(db, key: signature.requestId) else { continue }
                if try Register.requestContentHash(request) != signature.contentHash {
                    problems.append("\(request.id): the \(signature.meaning) signature of \(signature.printedName) no longer matches the request's content (changed outside gemba)")
                }
            }
            return (signatures.count, problems)
        }
        report.checked["request signatures"] = count
        report.problems += problems
    }

    /// Why a request cannot take the step, and what it is waiting for instead.
    func requestRefusal(_ request: RequestRecord, _ participle: String) -> GembaError {
        let why: String
        switch request.state {
        case .submitted: why = "it is submitted and waits for approval by \(request.approver ?? "a holder of \(request.approverRole)")"
        case .approved: why = "it is approved and waits to be fulfilled by a holder of \(request.fulfillerRole)"
        case .rejected: why = "it was rejected; submit a new request"
        case .fulfilled: why = "it is fulfilled and closed"
        case .cancelled: why = "it was cancelled; submit a new request"
        }
        return GembaError.state("\(request.id) cannot be \(participle): \(why)")
    }
}
