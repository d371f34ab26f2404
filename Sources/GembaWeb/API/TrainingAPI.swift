import Foundation
import GembaKit
import Hummingbird

/// `/api/v1/training`: my assignments, signing "read and understood" with the password, the matrix.
extension RouteTable {
    func addTrainingAPI() {
        apiGet("/api/v1/training/assignments", .signedIn, "My training assignments, as `gemba training list --json`", tag: "training", query: [
            .flag("all", "Include signed and closed assignments"),
        ]) { request in
            let username = try request.username
            let all = try request.queryFlag("all")
            return try await request.run { register in try register.trainingAssignments(for: username, includeClosed: all) }
        }

        apiPost("/api/v1/training/assignments/:id/sign", .staff,
                "Sign \"read and understood\" for my assignment on a document, with my password (Part 11)", tag: "training",
                body: TrainingSigning.self) { request, input in
            let id = try request.parameter("id").uppercased()
            let signer = SignerCredentials(username: try request.username, password: input.password)
            return try await request.run { register in try register.signTraining(id, revision: input.revision, signer: signer) }
        }

        apiGet("/api/v1/training/matrix", .signedIn, "People by documents: trained, due, overdue or not assigned, as `gemba training matrix --json`",
               tag: "training", query: [
                   .named("role", .roles, "Only people holding this role"),
                   .named("area", .areas, "Only people in this area or line"),
               ]) { request in
            let role = try request.queryName("role"), area = try request.queryName("area")
            return try await request.run { register in try register.trainingMatrix(role: role, area: area) }
        }
    }
}

/// `{"password": "...", "revision": "B"}`; the revision only when two revisions await.
struct TrainingSigning: APIInput {
    let password: String
    let revision: String?

    static let apiSchema = JSONSchema.ref("TrainingSigning")
}

extension TrainingAssignmentView: APIView { static let apiSchema = JSONSchema.ref("TrainingAssignmentView") }
extension TrainingMatrix: APIView { static let apiSchema = JSONSchema.ref("TrainingMatrix") }

extension APISchemas {
    static let training: [String: JSONSchema] = [
        "TrainingAcknowledgementView": .object([
            "name": .string, "username": .string, "meaning": .oneOf([TrainingAcknowledgementView.meaning]), "signed_at": .timestamp,
            "commit": .string, "tree": .string, "manifestation": .string, "content_verified": .boolean,
        ]),
        "TrainingAssignmentView": .object([
            "document": .string, "title": .string, "type": .string, "revision": .string, "revision_status": revisionStatus,
            "username": .string, "name": .string, "roles": .array(.string), "status": .cases(TrainingStatus.self), "reason": .string,
            "assigned_at": .timestamp, "due_date": .day,
        ], optional: [
            "effective_date": .day, "days_overdue": .integer, "closed_at": .timestamp, "acknowledgement": .ref("TrainingAcknowledgementView"),
        ]),
        "TrainingMatrix": .object([
            "date": .day,
            "people": .array(.object(["username": .string, "name": .string, "roles": .array(.string), "areas": .array(.string)])),
            "documents": .array(.object(["id": .string, "title": .string, "type": .string, "revision": .string, "required_roles": .array(.string)])),
            "cells": .array(.object([
                "username": .string, "document": .string, "status": .cases(TrainingCellStatus.self), "revision": .string,
            ], optional: ["due_date": .day, "signed_at": .timestamp, "days_overdue": .integer])),
            "counts": .map(.integer),
        ], optional: ["role": .string, "area": .string]),
        "TrainingSigning": .object(["password": .string], optional: ["revision": .string]),
    ]
}
