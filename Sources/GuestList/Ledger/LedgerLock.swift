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
        path = ledgerPath + ".lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw GuestListError(.ledger, "The ledger lock \(path) could not be created: \(String(cString: strerror(errno))).", location: SourceLocation(file: path))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = pread(fd, &buffer, 63, 0)
            let holder = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            close(fd)
            throw GuestListError(
                .ledgerInUse, "The ledger \(ledgerPath) is in use by another guestlist process (pid \(holder)).",
                location: SourceLocation(file: ledgerPath),
                hint: "Wait for that run to finish, or stop it with Ctrl-C; it is safe to run again afterwards.")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}
