import Foundation
import Yams

extension Policies {
    /// Reads and cross-checks the policy files. `files` maps a file name (`roles.yaml`) to its bytes;
    /// `directory` is only used to name files in errors (`policies/roles.yaml:12: ...`).
    public static func load(files: [String: Data], directory: String = "policies") throws -> Policies {
        func document(_ name: String) throws -> YAMLDocument {
            guard let data = files[name] else {
                throw GembaError(.policy, "\(directory)/\(name): missing; a register needs \(fileNames.joined(separator: ", "))")
            }
            return try YAMLDocument(file: "\(directory)/\(name)", data: data)
        }
        let roles = try loadRoles(document("roles.yaml"))
        let routes = try loadRoutes(document("approval-routes.yaml"), roles: roles)
        let types = try loadTypes(document("document-types.yaml"), routes: routes)
        let settings = try loadSettings(document("register.yaml"))
        let policies = Policies(roles: roles, documentTypes: types, routes: routes, settings: settings)
        if let training = files[TrainingPolicy.fileName] {
            _ = try TrainingPolicy.load(data: training, file: "\(directory)/\(TrainingPolicy.fileName)", policies: policies)
        }
        if let meetings = files[MeetingPolicy.fileName] {
            _ = try MeetingPolicy.parse(meetings, file: "\(directory)/\(MeetingPolicy.fileName)", roles: Set(roles.keys))
        }
        let plant = try files[PlantPolicy.fileName].map { try PlantPolicy.load(data: $0, file: "\(directory)/\(PlantPolicy.fileName)") }
        if let imports = files[ImportMapping.fileName] {
            _ = try ImportMapping.load(data: imports, plant: plant, file: "\(directory)/\(ImportMapping.fileName)")
        }
        if let notifications = files[NotificationPolicy.fileName] {
            _ = try NotificationPolicy.parse(notifications, file: "\(directory)/\(NotificationPolicy.fileName)")
        }
        return policies
    }

    /// Reads the policy files from a folder on disk: the four files every register needs, checked,
    /// and every other `*.yaml` beside them (the rules of later capabilities), copied as they are.
    public static func load(directory: URL) throws -> (Policies, [String: Data]) {
        var files: [String: Data] = [:]
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") && !fileNames.contains($0) }
        for name in others {
            try ContentFile.checkName(name)
            if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) { files[name] = data }
        }
        for name in fileNames {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw GembaError(.policy, "\(url.path): missing or unreadable; a policy folder needs \(fileNames.joined(separator: ", "))")
            }
            files[name] = data
        }
        return (try load(files: files, directory: directory.path), files)
    }

    private static func isRoleName(_ text: String) -> Bool { text.wholeMatch(of: /[a-z][a-z0-9_-]{0,39}/) != nil }

    private static func loadRoles(_ doc: YAMLDocument) throws -> [String: Role] {
        try doc.allowOnly(doc.root, ["roles"])
        var roles: [String: Role] = [:]
        for (name, keyNode, node) in try doc.entries(doc.child(doc.root, "roles"), "roles") {
            guard isRoleName(name) else {
                throw doc.error(keyNode, "role name '\(name)' must be lowercase letters, digits, '-' or '_'")
            }
            try doc.allowOnly(node, ["description", "permissions"])
            let permissionNames = try doc.mapping(node, "role \(name)")["permissions"] == nil ? [] : doc.strings(node, "permissions")
            let permissions = try permissionNames.map { text in
                guard let permission = Permission(rawValue: text) else {
                    throw doc.error(node, "role \(name): unknown permission '\(text)' (known: \(Permission.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return permission
            }
            roles[name] = Role(name: name, description: try doc.optionalString(node, "description") ?? "", permissions: Set(permissions))
        }
        for required in ["admin", "viewer"] where roles[required] == nil {
            throw doc.error(doc.root, "the role '\(required)' must be defined")
        }
        return roles
    }

    private static func loadRoutes(_ doc: YAMLDocument, roles: [String: Role]) throws -> [String: ApprovalRoute] {
        try doc.allowOnly(doc.root, ["routes"])
        var routes: [String: ApprovalRoute] = [:]
        for (name, _, node) in try doc.entries(doc.child(doc.root, "routes"), "routes") {
            try doc.allowOnly(node, ["steps"])
            let stepNodes = try doc.sequence(node, "steps")
            guard !stepNodes.isEmpty else { throw doc.error(node, "route \(name) needs at least one step") }
            var names = Set<String>()
            let steps = try stepNodes.map { step in
                try doc.allowOnly(step, ["name", "role", "signatures", "due_days", "meaning"])
                let stepName = try doc.string(step, "name")
                guard names.insert(stepName).inserted else { throw doc.error(step, "route \(name) has two steps named '\(stepName)'") }
                let role = try doc.string(step, "role")
                guard roles[role] != nil else { throw doc.error(step, "route \(name), step \(stepName): unknown role '\(role)' (roles.yaml defines \(roles.keys.sorted().joined(separator: ", ")))") }
                let meaningText = try doc.string(step, "meaning")
                guard let meaning = SignatureMeaning(rawValue: meaningText), meaning != .authored, meaning != .rejected else {
                    throw doc.error(try doc.child(step, "meaning"), "route \(name), step \(stepName): meaning must be reviewed, approved or responsibility, not '\(meaningText)'")
                }
                return RouteStep(
                    name: stepName, role: role, signatures: try doc.int(step, "signatures", range: 1...20),
                    dueDays: try doc.int(step, "due_days", range: 1...365), meaning: meaning)
            }
            routes[name] = ApprovalRoute(name: name, steps: steps)
        }
        return routes
    }

    private static func loadTypes(_ doc: YAMLDocument, routes: [String: ApprovalRoute]) throws -> [DocumentType] {
        try doc.allowOnly(doc.root, ["types"])
        var types: [DocumentType] = []
        for (code, keyNode, node) in try doc.entries(doc.child(doc.root, "types"), "types") {
            guard code.wholeMatch(of: /[A-Z][A-Z0-9]{0,9}/) != nil else {
                throw doc.error(keyNode, "type code '\(code)' must be 1-10 capital letters or digits")
            }
            try doc.allowOnly(node, ["name", "prefix", "number_width", "review_interval_months", "route", "training_required", "file_kinds", "retention_years"])
            let prefix = try doc.string(node, "prefix")
            guard prefix.wholeMatch(of: /[A-Z][A-Z0-9]*-?/) != nil else {
                throw doc.error(try doc.child(node, "prefix"), "type \(code): prefix '\(prefix)' must be capital letters and digits, optionally ending in '-'")
            }
            let route = try doc.string(node, "route")
            guard routes[route] != nil else {
                throw doc.error(try doc.child(node, "route"), "type \(code): route '\(route)' is not defined in approval-routes.yaml")
            }
            let kinds = try doc.strings(node, "file_kinds").map { $0.lowercased() }
            for kind in kinds where kind.wholeMatch(of: /[a-z0-9]{1,8}/) == nil {
                throw doc.error(try doc.child(node, "file_kinds"), "type \(code): file kind '\(kind)' must be a file extension such as md or pdf")
            }
            guard !kinds.isEmpty else { throw doc.error(node, "type \(code): file_kinds must list at least one extension") }
            let type = DocumentType(
                code: code, name: try doc.string(node, "name"), prefix: prefix,
                numberWidth: try doc.int(node, "number_width", range: 1...9),
                reviewIntervalMonths: try doc.int(node, "review_interval_months", range: 1...120),
                route: route, trainingRequired: try doc.bool(node, "training_required"),
                fileKinds: kinds, retentionYears: try doc.int(node, "retention_years", range: 1...100))
            if let clash = types.first(where: { $0.prefix.hasPrefix(type.prefix) || type.prefix.hasPrefix($0.prefix) }) {
                throw doc.error(keyNode, "types \(clash.code) and \(code) have overlapping ID prefixes '\(clash.prefix)' and '\(prefix)'")
            }
            types.append(type)
        }
        guard !types.isEmpty else { throw doc.error(doc.root, "at least one document type is needed") }
        return types
    }

    private static func loadSettings(_ doc: YAMLDocument) throws -> RegisterSettings {
        try doc.allowOnly(doc.root, ["signatures", "passwords", "reviews", "web"])
        let signatures = try doc.child(doc.root, "signatures")
        try doc.allowOnly(signatures, ["author_may_sign_own_revision", "max_failed_attempts"])
        let passwords = try doc.child(doc.root, "passwords")
        try doc.allowOnly(passwords, ["min_length", "max_age_days", "scrypt_n", "scrypt_r", "scrypt_p"])
        let reviews = try doc.child(doc.root, "reviews")
        try doc.allowOnly(reviews, ["due_soon_days"])
        // Older registers have no `web` section; the defaults are the issue's baseline.
        let web = try doc.optionalChild(doc.root, "web")
        if let web { try doc.allowOnly(web, ["session_idle_minutes", "max_upload_mb"]) }
        let n = try doc.int(passwords, "scrypt_n", range: 1024...1_048_576)
        guard n & (n - 1) == 0 else { throw doc.error(try doc.child(passwords, "scrypt_n"), "scrypt_n must be a power of two, not \(n)") }
        return RegisterSettings(
            authorMaySignOwnRevision: try doc.bool(signatures, "author_may_sign_own_revision"),
            maxFailedAttempts: try doc.int(signatures, "max_failed_attempts", range: 1...20),
            passwordMinLength: try doc.int(passwords, "min_length", range: 8...128),
            passwordMaxAgeDays: try doc.optionalInt(passwords, "max_age_days", range: 0...3650) ?? 0,
            scrypt: ScryptParameters(
                n: n, r: try doc.int(passwords, "scrypt_r", range: 1...32), p: try doc.int(passwords, "scrypt_p", range: 1...16)),
            dueSoonDays: try doc.int(reviews, "due_soon_days", range: 1...365),
            sessionIdleMinutes: try web.flatMap { try doc.optionalInt($0, "session_idle_minutes", range: 1...720) } ?? 30,
            maxUploadMegabytes: try web.flatMap { try doc.optionalInt($0, "max_upload_mb", range: 1...512) } ?? 25)
    }
}
