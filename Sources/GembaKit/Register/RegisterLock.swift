import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on the register's lock file, held for the whole of a write (git objects,
/// SQLite transaction, ref moves). The kernel drops it when the process dies, even by SIGKILL.
final class RegisterLock {
    private let descriptor: Int32

    init(path: String, timeout: TimeInterval = 30) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw GembaError(.storage, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(fd)
                throw GembaError(.busy, "the register is busy: another gemba command has been writing to it for \(Int(timeout)) s; try again")
            }
            usleep(20_000)
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
