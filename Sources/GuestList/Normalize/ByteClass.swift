/// Classes of ASCII bytes the hot paths test, as one table of bit flags: one load per byte instead
/// of a chain of comparisons.
enum ByteClass {
    /// atext of the HTML email rule, plus the dot: what may stand before the `@`.
    static let local: UInt8 = 1
    /// A lower-case ASCII letter or a digit.
    static let lowerAlphanumeric: UInt8 = 2
    /// What a normalized domain is made of: lower-case letters, digits, `.` and `-`.
    static let domain: UInt8 = 4
    /// Printable ASCII other than `#`, `/` and `?`: what an id in a URL path may hold.
    static let identifier: UInt8 = 8
    /// An ASCII letter of either case or a digit.
    static let alphanumeric: UInt8 = 16

    /// The flags of each byte; non-ASCII bytes have none.
    static let table: [UInt8] = (0..<256).map { value in
        var flags: UInt8 = 0
        let byte = UInt8(value)
        let lowerAlphanumeric = (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte)
        if lowerAlphanumeric || (0x41...0x5A).contains(byte) || "!#$%&'*+-/=?^_`{|}~.".utf8.contains(byte) { flags |= local }
        if lowerAlphanumeric { flags |= Self.lowerAlphanumeric }
        if lowerAlphanumeric || (0x41...0x5A).contains(byte) { flags |= alphanumeric }
        if lowerAlphanumeric || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") { flags |= domain }
        if (0x21...0x7E).contains(byte), byte != UInt8(ascii: "#"), byte != UInt8(ascii: "/"), byte != UInt8(ascii: "?") {
            flags |= identifier
        }
        return flags
    }

    /// True when `byte` has `flag`.
    @inline(__always)
    static func has(_ byte: UInt8, _ flag: UInt8) -> Bool { table[Int(byte)] & flag != 0 }

    /// True when every byte of `bytes` has `flag`.
    @inline(__always)
    static func all(_ bytes: UnsafeBufferPointer<UInt8>, have flag: UInt8) -> Bool {
        table.withUnsafeBufferPointer { table in
            for byte in bytes where table[Int(byte)] & flag == 0 { return false }
            return true
        }
    }
}

/// A quick 64-bit hash of a short byte string for the normalizer's own tables: the length, the first
/// eight and the last eight bytes, mixed by one wide multiplication. Strings that differ only in the
/// middle of a long run collide; every table compares the bytes on a hit.
enum QuickHash {
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        var head: UInt64 = 0
        var tail: UInt64 = 0
        if count >= 8, let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            head = raw.loadUnaligned(as: UInt64.self)
            tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            for byte in bytes { head = head << 8 | UInt64(byte) }
        }
        let product = (head ^ 0x9E37_79B9_7F4A_7C15).multipliedFullWidth(by: tail ^ 0xC2B2_AE3D_27D4_EB4F ^ UInt64(count))
        return (product.high ^ product.low) | 1
    }
}
