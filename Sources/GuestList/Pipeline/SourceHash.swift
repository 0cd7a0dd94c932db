import Foundation

/// A fast content fingerprint of a source file (64-bit FNV-1a), so a resumed run can say the file changed.
enum SourceHash {
    static func of(_ url: URL, path: String) throws(GuestListError) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw GuestListError(.source, "The source file \(path) could not be read.", location: SourceLocation(file: path))
        }
        defer { try? handle.close() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { raw in
                for byte in raw.bindMemory(to: UInt8.self) {
                    hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
                }
            }
        }
        return String(hash, radix: 16)
    }
}
