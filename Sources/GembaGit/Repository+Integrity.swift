import Foundation
internal import CLibGit2

extension Repository {
    /// Visits every object in the object database and reads it in full (libgit2 verifies the
    /// hash on read). Objects that cannot be read are reported in `problems`.
    /// Uses a freshly opened object database so that no cached copy hides on-disk damage.
    public func checkAllObjects() throws -> ObjectCheck {
        let objectsDirectory = URL(fileURLWithPath: swiftString(git_repository_commondir(handle)), isDirectory: true)
            .appendingPathComponent("objects", isDirectory: true)
        let operation = "check objects in \(objectsDirectory.path)"
        var odb: OpaquePointer?
        try gitCall("\(operation): open object database") { git_odb_open(&odb, objectsDirectory.path) }
        defer { git_odb_free(odb) }

        // Raw 20-byte ids, not `ObjectID`s (which hold hex text): a large register has millions.
        let collector = ObjectIDCollector()
        try withExtendedLifetime(collector) {
            let payload = Unmanaged.passUnretained(collector).toOpaque()
            try gitCall("\(operation): list objects") {
                git_odb_foreach(odb, { oid, payload in
                    guard let oid, let payload else { return 0 }
                    Unmanaged<ObjectIDCollector>.fromOpaque(payload).takeUnretainedValue().ids.append(oid.pointee)
                    return 0
                }, payload)
            }
        }
        // An object stored in two packs (or loose and packed) is listed twice; read it once.
        collector.ids.sort { a, b in withUnsafePointer(to: a) { a in withUnsafePointer(to: b) { b in git_oid_cmp(a, b) < 0 } } }
        var count = 0
        var previous: git_oid?
        var problems: [String] = []
        for var oid in collector.ids {
            if var last = previous, git_oid_equal(&last, &oid) != 0 { continue }
            previous = oid
            count += 1
            var object: OpaquePointer?
            let result = git_odb_read(&object, odb, &oid)
            if result < 0 {
                let id = ObjectID(oid)
                let error = GitError.fromLastError(code: result, operation: { "read object \(id)" })
                problems.append("object \(id): \(error.message)")
                continue
            }
            defer { git_odb_object_free(object) }
            if ObjectKind(git_odb_object_type(object)) == nil {
                problems.append("object \(ObjectID(oid)): unknown object type")
            }
        }
        return ObjectCheck(objectCount: count, problems: problems)
    }
}

/// Collects object ids from the `git_odb_foreach` callback.
private final class ObjectIDCollector {
    var ids: [git_oid] = []
}
