/// A 64-bit digest of a booking key's text, stored beside the key so that duplicates and keys booked by
/// earlier runs are found by sorting eight-byte numbers instead of holding every key as a string. Equal
/// digests are always confirmed by comparing the keys themselves: the digest only narrows the search.
///
/// Eight bytes at a time: each little-endian word is mixed in by xor, multiplication by an odd constant
/// and a rotation, the tail bytes and the length last, then a SplitMix64 finalizer so that keys differing
/// only in their last bytes (`…|2030-01-24T04:00:00.000Z` against `…05:00…`) spread over the whole range.
/// It is written to the ledger, so it must never change: a changed function would make old keys look new.
public enum KeyDigest {
    public static func of(_ text: String) -> Int64 {
        var text = text
        return text.withUTF8 { bytes in Int64(bitPattern: digest(bytes)) }
    }

    static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            hash = ((hash ^ word) &* k).rotatedLeft(by: 29)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        hash = ((hash ^ tail ^ UInt64(bytes.count) << 56) &* k).rotatedLeft(by: 29)
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        return hash ^ (hash >> 31)
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
