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
