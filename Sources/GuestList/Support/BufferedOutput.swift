import Foundation

/// Text written in 64 KiB blocks to a file descriptor (stdout, or a report's `--output` file), so that a
/// report or a table of a million lines costs a few hundred `write`s and holds one block; or, for tests
/// and small pages, collected in memory. The library never picks a descriptor itself: the CLI hands it
/// stdout or the file it opened.
public final class BufferedOutput {
    private let descriptor: Int32?
    /// One owner at a time by design (a report, a table): the runtime's exclusivity checks on every
    /// append cost more than the append.
    @exclusivity(unchecked) private var buffer: [UInt8] = []
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

    /// Writes `value` in decimal.
    public func write(decimal value: Int) {
        if buffer.count + 20 > capacity { flush() }
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            buffer.append(contentsOf: raw[(20 - count)...])
        }
    }

    /// Writes `value` as a JSON string literal, or `null`.
    public func writeJSON(_ value: String?) {
        guard let value else { return write("null") }
        if buffer.count + value.utf8.count * 6 + 2 > capacity { flush() }
        JSONString.append(value, to: &buffer)
    }

    /// Writes `value` as one CSV cell (RFC 4180): as it is, or in quotes with inner quotes doubled when it
    /// holds a comma, a quote or a line break, or begins or ends with a space. The same rule as
    /// `CSVField.quoted`, over bytes: a quote is one byte in UTF-8 wherever it stands.
    public func writeCSV(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            let plain = !bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                && bytes.first != 0x20 && bytes.last != 0x20
            if plain { return write(bytes: bytes) }
            if buffer.count + bytes.count * 2 + 2 > capacity { flush() }
            buffer.append(0x22)
            var start = 0
            for (i, byte) in bytes.enumerated() where byte == 0x22 {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...i]))
                buffer.append(0x22)
                start = i + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            buffer.append(0x22)
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
