/// Finds `data.uid` in a 201 body (`{"data": {"uid": "…", …}, …}`) in one forward pass over the bytes,
/// stepping over every other value without building it. It runs once per booking, where decoding the
/// whole booking cost as much as the ledger's bookkeeping for the row.
///
/// It answers only for plain text: a key or uid with an escape or a non-ASCII byte, `data` that is not an
/// object, or text it cannot follow give nil, and the caller decodes the body the slow way. It stops at the
/// uid and does not check the rest of the body: the 201 is what says the booking exists.
struct BookingUidScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    static func uid(in body: [UInt8]) -> String? {
        body.withUnsafeBufferPointer { buffer in
            var scanner = BookingUidScanner(bytes: buffer)
            return scanner.findUid()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func findUid() -> String? {
        guard enterObject() else { return nil }
        while let key = nextKey() {
            guard key.elementsEqual("data".utf8) else {
                guard skipValue() else { return nil }
                continue
            }
            guard enterObject() else { return nil }
            while let inner = nextKey() {
                if inner.elementsEqual("uid".utf8) {
                    return plainString().map { String(decoding: $0, as: UTF8.self) }
                }
                guard skipValue() else { return nil }
            }
            return nil
        }
        return nil
    }

    private var current: UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { at += 1 }
    }

    /// Consumes `{`.
    private mutating func enterObject() -> Bool { consume(UInt8(ascii: "{")) }

    /// Consumes `byte` after any white space; false (nothing consumed) when something else comes.
    private mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard current == byte else { return false }
        at += 1
        return true
    }

    /// The next key of the object being read, with its `:` consumed; nil at the object's end or on anything
    /// unexpected.
    private mutating func nextKey() -> Slice<UnsafeBufferPointer<UInt8>>? {
        skipSpace()
        if current == UInt8(ascii: ",") { at += 1 }
        guard let key = plainString(), consume(UInt8(ascii: ":")) else { return nil }
        return key
    }

    /// A string of printable ASCII without escapes, without its quotes.
    private mutating func plainString() -> Slice<UnsafeBufferPointer<UInt8>>? {
        skipSpace()
        guard current == UInt8(ascii: "\"") else { return nil }
        let start = at + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard bytes[end] >= 0x20, bytes[end] < 0x80, bytes[end] != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        at = end + 1
        return bytes[start..<end]
    }

    /// Steps over one string (escapes included) starting at its opening quote.
    private mutating func skipString() -> Bool {
        at += 1
        while let byte = current, byte != UInt8(ascii: "\"") { at += byte == UInt8(ascii: "\\") ? 2 : 1 }
        guard current != nil else { return false }
        at += 1
        return true
    }

    /// Steps over one value: a string, an object or array with whatever it holds, or a number or literal.
    private mutating func skipValue() -> Bool {
        skipSpace()
        guard let first = current else { return false }
        switch first {
        case UInt8(ascii: "\""):
            return skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    guard skipString() else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        at += 1
                        return true
                    }
                default:
                    break
                }
                at += 1
            }
            return false
        default:
            let start = at
            while let byte = current, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
                byte > 0x20
            {
                at += 1
            }
            return at > start
        }
    }
}
