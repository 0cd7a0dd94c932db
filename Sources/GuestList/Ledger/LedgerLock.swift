import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock (`flock`) on `<ledger>.lock`, held for as long as a `run` or `retry`
/// writes the ledger. The kernel drops it when the holder's process dies, so a kill -9 never leaves a
/// ledger locked; the holder's pid is written inside so a second process can say who holds it.
final class LedgerLock {
    private let fd: Int32
    let path: String

    init(ledgerPath: String) throws(GuestListError) {
        // Stored properties are set only once the lock is held: a class whose init throws after they are
        // all set runs its deinit, which would close (and truncate) a descriptor number that another file
        // may already reuse.
        let lockPath = ledgerPath + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw GuestListError(
                .ledger, "The ledger lock \(lockPath) could not be created: \(String(cString: strerror(errno))).",
                location: SourceLocation(file: lockPath))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = pread(descriptor, &buffer, 63, 0)
            let holder = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            close(descriptor)
            throw GuestListError(
                .ledgerInUse, "The ledger \(ledgerPath) is in use by another guestlist process (pid \(holder)).",
                location: SourceLocation(file: ledgerPath),
                hint: "Wait for that run to finish, or stop it with Ctrl-C; it is safe to run again afterwards.")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        fd = descriptor
        path = lockPath
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}
