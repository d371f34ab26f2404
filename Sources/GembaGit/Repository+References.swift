internal import CLibGit2

extension Repository {
    /// The object a reference points at (symbolic references such as HEAD are resolved),
    /// or nil if the reference does not exist.
    public func reference(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, handle, name)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try gitCall("read \(name)") { result }
        return ObjectID(oid)
    }

    /// Compare-and-swap update of a direct reference.
    ///
    /// - `expecting: nil`: the reference must not exist yet (otherwise `isAlreadyExists`).
    /// - `expecting: X`: the reference must currently point at X (otherwise `isModified`,
    ///   also when it does not exist).
    public func setReference(_ name: String, to target: ObjectID, expecting current: ObjectID?, logMessage: String) throws {
        var targetOid = target.oid
        var reference: OpaquePointer?
        defer { git_reference_free(reference) }
        guard let current else {
            try gitCall("create \(name)") {
                git_reference_create(&reference, handle, name, &targetOid, 0, logMessage)
            }
            return
        }
        let operation = "update \(name)"
        var currentOid = current.oid
        let result = git_reference_create_matching(&reference, handle, name, &targetOid, 1, &currentOid, logMessage)
        if result == GIT_ENOTFOUND.rawValue {
            // libgit2 reports a missing reference as "not found"; for a CAS that is a lost race.
            let underlying = GitError.fromLastError(code: result, operation: { operation })
            throw GitError(
                code: GitError.Code.modified, errorClass: underlying.errorClass,
                message: "reference does not exist (expected \(current)): \(underlying.message)", operation: operation)
        }
        try gitCall(operation) { result }
    }

    /// Compare-and-swap delete: the reference must currently point at `current`.
    /// Throws `isNotFound` if it does not exist and `isModified` if it points elsewhere.
    public func deleteReference(_ name: String, expecting current: ObjectID) throws {
        let operation = "delete \(name)"
        var reference: OpaquePointer?
        try gitCall(operation) { git_reference_lookup(&reference, handle, name) }
        defer { git_reference_free(reference) }
        guard let actual = ObjectID(git_reference_target(reference)) else {
            throw GitError.local(
                GIT_EMODIFIED, GIT_ERROR_REFERENCE, "reference is symbolic, expected \(current)", operation: operation)
        }
        guard actual == current else {
            throw GitError.local(
                GIT_EMODIFIED, GIT_ERROR_REFERENCE, "reference points at \(actual), expected \(current)", operation: operation)
        }
        // libgit2 deletes only if the reference still has the value it was looked up with.
        try gitCall(operation) { git_reference_delete(reference) }
    }

    /// References whose full name matches `glob` (fnmatch-style, `*` also matches "/"),
    /// e.g. "refs/tags/*", sorted by name. Symbolic references are resolved; dangling ones skipped.
    public func references(glob: String) throws -> [(name: String, target: ObjectID)] {
        let operation = "list references matching \(glob)"
        var iterator: OpaquePointer?
        try gitCall(operation) { git_reference_iterator_glob_new(&iterator, handle, glob) }
        defer { git_reference_iterator_free(iterator) }
        var found: [(name: String, target: ObjectID)] = []
        while true {
            var reference: OpaquePointer?
            let result = git_reference_next(&reference, iterator)
            if result == GIT_ITEROVER.rawValue { break }
            try gitCall(operation) { result }
            defer { git_reference_free(reference) }
            let name = swiftString(git_reference_name(reference))
            if let target = ObjectID(git_reference_target(reference)) {
                found.append((name, target))
                continue
            }
            var resolved: OpaquePointer?
            let resolveResult = git_reference_resolve(&resolved, reference)
            if resolveResult == GIT_ENOTFOUND.rawValue { continue }
            try gitCall("\(operation): resolve \(name)") { resolveResult }
            defer { git_reference_free(resolved) }
            if let target = ObjectID(git_reference_target(resolved)) { found.append((name, target)) }
        }
        return found.sorted { $0.name < $1.name }
    }
}
