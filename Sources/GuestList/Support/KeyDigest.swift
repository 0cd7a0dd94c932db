/// A 64-bit digest of a booking key's text, stored beside the key so that duplicates and keys booked by
/// earlier runs are found by sorting eight-byte numbers instead of holding every key as a string. Equal
/// digests are always confirmed by comparing the keys themselves: the digest only narrows the search.
///
/// FNV-1a over the UTF-8 bytes, then a SplitMix64 finalizer so that keys differing in their last bytes
/// (`…@example.com|2030-01-24T04:00:00.000Z` against `…05:00…`) spread over the whole range. It is
/// written to the ledger, so it must never change: a changed function would make old keys look new.
public enum KeyDigest {
    public static func of(_ text: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        return Int64(bitPattern: hash)
    }
}
