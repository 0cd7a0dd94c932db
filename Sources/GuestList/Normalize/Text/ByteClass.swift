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
