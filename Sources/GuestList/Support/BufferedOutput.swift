import Foundation

/// Text written in 64 KiB blocks to a file descriptor (stdout by default, or a report's `--output` file),
/// so that a report or a table of a million lines costs a few hundred `write`s and holds one block.
/// The library never picks a descriptor itself: the CLI hands it stdout or the file it opened.
public final class BufferedOutput {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    /// The first write error (a closed pipe, a full disk); later writes are dropped.
    public private(set) var failure: Int32?

    public init(descriptor: Int32 = STDOUT_FILENO) {
        self.descriptor = descriptor
        buffer.reserveCapacity(capacity)
    }

    deinit { flush() }

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

    public func write(_ byte: UInt8) {
        if buffer.count == capacity { flush() }
        buffer.append(byte)
    }

    /// Writes out what is buffered.
    public func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { drain($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func drain(_ bytes: UnsafeBufferPointer<UInt8>) {
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
