/// Strict UTF-8 checking (no overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// The index of the first byte that does not start or continue a valid sequence, or nil.
    static func firstInvalid(_ bytes: [UInt8], allowTruncatedEnd: Bool = false) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalid($0, allowTruncatedEnd: allowTruncatedEnd) }
    }

    static func firstInvalid(_ p: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Int? {
        var i = 0
        let n = p.count
        while i < n {
            // Skip ASCII a word at a time: most text is.
            if let base = p.baseAddress {
                while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                if i >= n { break }
            }
            let c = p[i]
            if c < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            if i + length > n {
                if allowTruncatedEnd {
                    // A sequence cut off by the window is judged on what is there.
                    for k in 1..<(n - i) where !(0x80...0xBF).contains(p[i + k]) { return i }
                    return nil
                }
                return i
            }
            let second = p[i + 1]
            if second < lower || second > upper { return i }
            for k in 2..<length where !(0x80...0xBF).contains(p[i + k]) { return i }
            i += length
        }
        return nil
    }
}
