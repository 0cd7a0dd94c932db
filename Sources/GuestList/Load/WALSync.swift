import Dispatch
import Foundation

/// Makes a ledger's write-ahead log durable from a thread of its own, so that the loader's coordinator is not
/// blocked while the disk syncs (see `LoadLedger.deferSyncs()`).
///
/// SQLite appends every commit to the WAL file; `fdatasync` on any descriptor of that file persists all that has
/// been appended, so one sync after commit N makes commits 1…N durable. A checkpoint syncs the WAL and the
/// database itself before the WAL is reused. The directory is synced once, so that the WAL file's own entry
/// survives a power loss too.
public final class WALSync: Sendable {
    private let descriptor: Int32
    private let path: String
    private static let queue = DispatchQueue(label: "guestlist.wal-sync")

    /// nil when the WAL file cannot be opened (the ledger is not in WAL mode, say).
    public init?(walPath: String) {
        let fd = open(walPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let directory = open((walPath as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
        descriptor = fd
        path = walPath
    }

    deinit { close(descriptor) }

    /// Syncs now, on the calling thread.
    public func sync() throws(GuestListError) {
        while fdatasync(descriptor) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                throw GuestListError(.ledger, "The ledger's log \(path) could not be written to disk: \(reason).")
            }
        }
    }

    /// Syncs on a thread of its own (a blocking call has no place on the cooperative pool), and returns then.
    public func syncOffPool() async throws(GuestListError) {
        let result: Result<Void, GuestListError> = await withCheckedContinuation { continuation in
            Self.queue.async {
                do throws(GuestListError) {
                    try self.sync()
                    continuation.resume(returning: .success(()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        try result.get()
    }
}
