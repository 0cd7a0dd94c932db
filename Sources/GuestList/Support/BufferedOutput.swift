import Foundation

/// Text written in 64 KiB blocks to a file descriptor (stdout, or a report's `--output` file), so that a
/// report or a table of a million lines costs a few hundred `write`s and holds one block; or, for tests
/// and small pages, collected in memory. The library never picks a descriptor itself: the CLI hands it
/// stdout or the file it opened.
public final class BufferedOutput {
    private let descriptor: Int32?
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    /// Everything written, when collecting in memory.
    public private(set) var collected: [UInt8] = []
    /// The first write error (a closed pipe, a full disk); later writes are dropped.
    public private(set) var failure: Int32?

    /// Writes to `descriptor` (not closed here).
    public init(descriptor: Int32 = STDOUT_FILENO) {
        self.descriptor = descriptor
        buffer.reserveCapacity(capacity)
    }

    /// Collects everything in memory (`collected`, `text`).
    public init(collecting: Void) {
        descriptor = nil
        buffer.reserveCapacity(capacity)
    }

    deinit { flush() }

    /// What was collected, as text (after a flush).
    public var text: String {
        flush()
        return String(decoding: collected, as: UTF8.self)
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0) }
    }

    public func write(bytes: UnsafeBufferPointer<UInt8>) {
        if buffer.count + bytes.count > capacity { flush() }
        if bytes.count >= capacity {
            drain(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Writes out what is buffered.
    public func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { drain($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func drain(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let descriptor else {
            collected.append(contentsOf: bytes)
            return
        }
        guard failure == nil, var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Foundation.write(descriptor, base, left)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            left -= n
            base += n
        }
    }
}
