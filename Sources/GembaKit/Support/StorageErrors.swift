import Foundation
import GRDB
import GembaGit

extension GembaError {
    /// The one-line error a person should see for a failure of the storage underneath a write: a
    /// full disk, a busy or damaged database, an I/O error. Nil for errors that are not about
    /// storage (they keep their own message).
    static func storage(from error: any Error) -> GembaError? {
        switch error {
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_FULL:
                return diskFull("register.sqlite")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return GembaError(.busy, "the register's database is in use by another program; try again")
            case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY:
                return GembaError(.storage, "cannot write register.sqlite (\(error.message ?? "I/O error")); check the disk and its permissions, then run `gemba verify`")
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return GembaError(.integrity, "register.sqlite is damaged (\(error.message ?? "corrupt")); run `gemba verify` and restore from a backup")
            default:
                return nil
            }
        case let error as GitError where error.message.localizedCaseInsensitiveContains("no space left"):
            return diskFull("content.git")
        case let error as CocoaError:
            if let underlying = error.underlying as? POSIXError, underlying.code == .ENOSPC { return diskFull(error.filePath ?? "a file") }
            return error.code == .fileWriteOutOfSpace ? diskFull(error.filePath ?? "a file") : nil
        case let error as POSIXError where error.code == .ENOSPC:
            return diskFull("a file")
        default:
            return nil
        }
    }

    static func diskFull(_ what: String) -> GembaError {
        GembaError(.storage, "the disk is full: \((what as NSString).lastPathComponent) could not be written; free some space and run the command again")
    }
}
