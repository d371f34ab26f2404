import Foundation
import GembaKit
import Hummingbird

/// Training: my assignments with the "read and understood" signature (password every time,
/// 21 CFR 11.200), my certifications, and the training matrix with its CSV download.
extension RouteTable {
    func addTrainingRoutes() {
        get("/training", .signedIn, "My training: revisions to read and sign (read and understood), signed ones, my certifications") { request in
            let visitor = try request.visitor
            let model = try await request.run { register in try TrainingPageModel(register, visitor: visitor) }
            return try await request.site.page("training", title: "Training", model, for: request)
        }

        post("/training/:id/sign", .staff, "Sign read and understood for an assigned revision (meaning and password again: Part 11)") { request in
            let id = try request.parameter("id")
            let form = request.form
            guard form["meaning"] == TrainingAcknowledgementView.meaning else {
                throw WebError.badRequest("the signature's meaning must be “\(TrainingAcknowledgementView.meaning)”")
            }
            guard form["confirm"] == "yes" else { throw WebError.badRequest("tick the box to confirm that you have read and understood the revision") }
            let signer = SignerCredentials(username: try request.username, password: form["password"] ?? "")
            let revision = form.optional("revision")
            let signed = try await request.run { register in try register.signTraining(id.uppercased(), revision: revision, signer: signer) }
            return await request.done("Signed: \(signed.acknowledgement?.manifestation ?? signed.reference).", to: "/training")
        }

        get("/training/matrix", .signedIn, "The training matrix: people by documents, trained, due or overdue, by role or area") { request in
            let role = request.query("role")
            let area = request.query("area")
            let username = try request.username
            let model = try await request.run { register in
                let model = try TrainingMatrixModel(register, role: role, area: area)
                try register.recordRead("training", what: "web training matrix", by: username)
                return model
            }
            return try await request.site.page("training-matrix", title: "Training matrix", model, for: request)
        }

        get("/training/matrix/download", .signedIn, "The training matrix as CSV (one row per person), as an attachment") { request in
            let role = request.query("role")
            let area = request.query("area")
            let username = try request.username
            let matrix = try await request.run { register in
                let matrix = try register.trainingMatrix(role: role, area: area)
                try register.recordRead("training", what: "web training matrix CSV", by: username)
                return matrix
            }
            let scope = [matrix.role, matrix.area].compactMap { $0.map(DownloadName.part) }.map { "-" + $0 }.joined()
            return DocumentUpload.attachment(Data(matrix.csv().utf8), name: "gemba-training-matrix-\(matrix.date)\(scope).csv")
        }
    }
}
