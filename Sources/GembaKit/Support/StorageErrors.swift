import Foundation
import GRDB
import GembaGit
#if canImport(Glibc)
import Glibc
#endif

extension GembaError {
    /// Below this many free bytes a failed write is reported as a full disk: SQLite's I/O errors
    /// and libgit2's failed writes do not always say why they failed.
    static let lowSpace = 64 << 20

    /// The one-line error a person should see for a failed write underneath an operation: a full
    /// disk, a busy or damaged database, a file that cannot be written. `folder` is where the
    /// write went (to tell a full disk from other failures). Nil for errors that are not about
    /// storage (they keep their own message).
    static func storage(from error: any Error, near folder: URL) -> GembaError? {
        switch error {
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_FULL:
                return diskFull("register.sqlite")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return GembaError(.busy, "the register's database is in use by another program; try again")
            case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY:
                return writeFailed("register.sqlite", error.message ?? "I/O error", near: folder)
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return GembaError(.integrity, "register.sqlite is damaged (\(error.message ?? "corrupt")); run `gemba verify` and restore it from a backup")
            default:
                return nil
            }
        case let error as GitError:
            if error.message.localizedCaseInsensitiveContains("no space left") { return diskFull("content.git") }
            return writeFailed("content.git", "\(error)", near: folder)
        case let error as CocoaError:
            if error.code == .fileWriteOutOfSpace || (error.userInfo[NSUnderlyingErrorKey] as? POSIXError)?.code == .ENOSPC {
                return diskFull(error.filePath ?? "a file")
            }
            return error.isWriteError ? writeFailed(error.filePath ?? "a file", error.localizedDescription, near: folder) : nil
        case let error as POSIXError where error.code == .ENOSPC:
            return diskFull("a file")
        default:
            return nil
        }
    }

    static func diskFull(_ what: String) -> GembaError {
        GembaError(.storage, "the disk is full: \((what as NSString).lastPathComponent) could not be written; free some space and run the command again")
    }

    /// A write that failed for a reason the layer below did not give: a full disk when the disk
    /// holding `folder` is nearly full, otherwise the layer's own words.
    static func writeFailed(_ what: String, _ reason: String, near folder: URL) -> GembaError {
        let name = (what as NSString).lastPathComponent
        if let free = freeBytes(near: folder), free < lowSpace {
            return GembaError(.storage, "\(name) could not be written and the disk holding it has only \(free >> 10) KiB free: the disk is full; free some space and run the command again")
        }
        return GembaError(.storage, "cannot write \(name) (\(reason)); check the disk, then run `gemba verify`")
    }

    /// Free bytes for unprivileged writers on the file system of `folder` (or its nearest existing parent).
    static func freeBytes(near folder: URL) -> Int? {
        var path = folder
        while !FileManager.default.fileExists(atPath: path.path), path.pathComponents.count > 1 { path.deleteLastPathComponent() }
        var stats = statvfs()
        guard statvfs(path.path, &stats) == 0 else { return nil }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }
}

extension CocoaError {
    fileprivate var isWriteError: Bool {
        [.fileWriteUnknown, .fileWriteNoPermission, .fileWriteVolumeReadOnly, .fileWriteFileExists, .fileWriteInvalidFileName].contains(code)
    }
}
