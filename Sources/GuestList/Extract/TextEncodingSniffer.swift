#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A concrete text encoding chosen for one file, and how many leading bytes (a byte-order mark) to skip.
struct DetectedEncoding: Equatable {
    enum Kind: String { case utf8 = "utf-8", utf16LE = "utf-16le", utf16BE = "utf-16be", shiftJIS = "shift_jis" }
    var kind: Kind
    var bomLength: Int
}

/// Decides a file's encoding from its first bytes without reading it whole.
///
/// A byte-order mark wins. Without one, `auto` reads ahead only until the first non-ASCII byte
/// (an all-ASCII file is read to the end, which is cheap) and judges a 64 KiB window from there:
/// valid UTF-8 means UTF-8; otherwise valid CP932 means Shift_JIS; otherwise UTF-8, so that the
/// few bad records are reported rather than the whole file being misread.
enum TextEncodingSniffer {
    static let window = 64 * 1024

    static func detect(fd: Int32, requested: CSVOptions.Encoding) -> DetectedEncoding {
        var head = [UInt8](repeating: 0, count: 256)
        let count = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 256, 0) }
        let bytes = count > 0 ? Array(head[0..<count]) : []
        let bom = byteOrderMark(bytes)
        switch requested {
        case .utf8:
            return DetectedEncoding(kind: .utf8, bomLength: bom?.kind == .utf8 ? 3 : 0)
        case .shiftJIS:
            return DetectedEncoding(kind: .shiftJIS, bomLength: 0)
        case .utf16:
            if let bom, bom.kind != .utf8 { return bom }
            return DetectedEncoding(kind: utf16Guess(bytes) ?? .utf16LE, bomLength: 0)
        case .auto:
            if let bom { return bom }
            if let guess = utf16Guess(bytes) { return DetectedEncoding(kind: guess, bomLength: 0) }
            return DetectedEncoding(kind: guessUTF8OrCP932(fd: fd), bomLength: 0)
        }
    }

    static func byteOrderMark(_ b: [UInt8]) -> DetectedEncoding? {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return DetectedEncoding(kind: .utf8, bomLength: 3) }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return DetectedEncoding(kind: .utf16LE, bomLength: 2) }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return DetectedEncoding(kind: .utf16BE, bomLength: 2) }
        return nil
    }

    /// UTF-16 without a mark: ASCII-heavy text has a zero in every other byte.
    static func utf16Guess(_ b: [UInt8]) -> DetectedEncoding.Kind? {
        let pairs = b.count / 2
        guard pairs >= 2 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for i in 0..<pairs {
            if b[2 * i] == 0 { zeroEven += 1 }
            if b[2 * i + 1] == 0 { zeroOdd += 1 }
        }
        if zeroOdd * 2 >= pairs && zeroEven == 0 { return .utf16LE }
        if zeroEven * 2 >= pairs && zeroOdd == 0 { return .utf16BE }
        return nil
    }

    static func guessUTF8OrCP932(fd: Int32) -> DetectedEncoding.Kind {
        var chunk = [UInt8](repeating: 0, count: window)
        var offset: off_t = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, window, offset) }
            guard n > 0 else { return .utf8 }
            if let first = firstNonASCII(chunk, count: n) {
                var sample = Array(chunk[first..<n])
                if first > 0 {
                    var more = [UInt8](repeating: 0, count: first)
                    let m = more.withUnsafeMutableBytes { pread(fd, $0.baseAddress, first, offset + off_t(n)) }
                    if m > 0 { sample += more[0..<m] }
                }
                let truncated = n < window
                if UTF8Validation.firstInvalid(sample, allowTruncatedEnd: !truncated) == nil { return .utf8 }
                return cp932Faults(sample) < utf8Faults(sample) ? .shiftJIS : .utf8
            }
            offset += off_t(n)
        }
    }

    /// The index of the first byte ≥ 0x80 among the first `count`, checking a word at a time
    /// (an all-ASCII file is read to its end, so this must be fast).
    static func firstNonASCII(_ bytes: [UInt8], count: Int) -> Int? {
        bytes.withUnsafeBytes { raw in
            var i = 0
            while i + 8 <= count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            while i < count {
                if raw[i] >= 0x80 { return i }
                i += 1
            }
            return nil
        }
    }

    /// How many places are not ASCII, half-width katakana, or a CP932 lead byte followed by a trail byte.
    static func cp932Faults(_ b: [UInt8]) -> Int {
        var faults = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 || (0xA1...0xDF).contains(c) { i += 1; continue }
            guard (0x81...0x9F).contains(c) || (0xE0...0xFC).contains(c) else { faults += 1; i += 1; continue }
            guard i + 1 < b.count else { break }
            let t = b[i + 1]
            guard (0x40...0x7E).contains(t) || (0x80...0xFC).contains(t) else { faults += 1; i += 1; continue }
            i += 2
        }
        return faults
    }

    /// How many places are not valid UTF-8 (each bad sequence counted once).
    static func utf8Faults(_ b: [UInt8]) -> Int {
        var faults = 0
        var rest = b[...]
        while !rest.isEmpty {
            guard let bad = UTF8Validation.firstInvalid(Array(rest), allowTruncatedEnd: true) else { break }
            faults += 1
            rest = rest.dropFirst(bad + 1)
        }
        return faults
    }
}
