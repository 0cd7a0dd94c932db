#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

/// A file's text as a stream of UTF-8 bytes, read in chunks so memory stays flat.
///
/// UTF-8 files are read straight into the caller's buffer. UTF-16 and Shift_JIS (CP932) go through
/// `iconv`; bytes that do not decode become U+FFFD and are remembered in `decodeErrors` with their
/// file offset, so the reader can make just the record that holds them invalid.
final class UTF8ByteStream {
    /// A place where input bytes did not decode: the offset in the UTF-8 output, and in the file.
    struct DecodeError: Equatable {
        var output: Int
        var fileOffset: Int
    }

    let encoding: DetectedEncoding
    private let fd: Int32
    private var converter: iconv_t?
    private var raw: UnsafeMutableRawBufferPointer
    private var rawStart = 0
    private var rawEnd = 0
    /// File offset of `raw[rawEnd]`.
    private var fileOffset: Int
    private var fileEOF = false
    /// UTF-8 bytes produced so far.
    private(set) var produced = 0
    /// Undecodable input found so far and not yet claimed by a record, in output order.
    var decodeErrors: [DecodeError] = []

    /// Opens a stream over an already opened file; the stream does not close `fd`.
    init(fd: Int32, encoding: DetectedEncoding, chunkSize: Int = 1 << 20) throws(GuestListError) {
        self.fd = fd
        self.encoding = encoding
        self.fileOffset = encoding.bomLength
        raw = .allocate(byteCount: encoding.kind == .utf8 ? 0 : chunkSize, alignment: 8)
        guard lseek(fd, off_t(encoding.bomLength), SEEK_SET) >= 0 else {
            raw.deallocate()
            throw GuestListError(.source, "could not read the file: \(String(cString: strerror(errno)))")
        }
        if encoding.kind != .utf8 {
            let name = encoding.kind == .shiftJIS ? "CP932" : (encoding.kind == .utf16LE ? "UTF-16LE" : "UTF-16BE")
            let cd = iconv_open("UTF-8", name)
            if cd == iconv_t(bitPattern: -1) {
                raw.deallocate()
                throw GuestListError(.source, "this system cannot convert \(encoding.kind.rawValue) text (iconv has no \(name))")
            }
            converter = cd
        }
    }

    deinit {
        if let converter { iconv_close(converter) }
        raw.deallocate()
    }

    /// The file offset of the UTF-8 output byte at `output`, exact for UTF-8 input.
    func fileOffset(ofOutput output: Int) -> Int { encoding.bomLength + output }

    /// Fills `buffer` with up to `buffer.count` (at least 4) UTF-8 bytes; 0 means the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(GuestListError) -> Int {
        if converter == nil {
            let n = try readFile(into: buffer)
            produced += n
            return n
        }
        return try convert(into: buffer)
    }

    private func readFile(into buffer: UnsafeMutableRawBufferPointer) throws(GuestListError) -> Int {
        while true {
            let n = systemRead(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw GuestListError(.source, "could not read the file: \(String(cString: strerror(errno)))")
        }
    }

    private func convert(into buffer: UnsafeMutableRawBufferPointer) throws(GuestListError) -> Int {
        let width = encoding.kind == .shiftJIS ? 1 : 2
        var written = 0
        while written == 0 {
            if rawEnd - rawStart < 4 && !fileEOF {
                // Keep a partial character and top the input up.
                let left = rawEnd - rawStart
                if left > 0 { raw.baseAddress!.copyMemory(from: raw.baseAddress! + rawStart, byteCount: left) }
                rawStart = 0
                rawEnd = left
                let n = try readFile(into: UnsafeMutableRawBufferPointer(rebasing: raw[rawEnd...]))
                if n == 0 { fileEOF = true }
                rawEnd += n
                fileOffset += n
            }
            if rawStart == rawEnd { return 0 }
            var inPointer: UnsafeMutablePointer<CChar>? = (raw.baseAddress! + rawStart).assumingMemoryBound(to: CChar.self)
            var inLeft = rawEnd - rawStart
            var outPointer: UnsafeMutablePointer<CChar>? = (buffer.baseAddress! + written).assumingMemoryBound(to: CChar.self)
            var outLeft = buffer.count - written
            let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            let failure = result == -1 ? errno : 0
            let consumed = (rawEnd - rawStart) - inLeft
            rawStart += consumed
            let made = (buffer.count - written) - outLeft
            written += made
            produced += made
            switch failure {
            case 0, E2BIG:
                // The caller always leaves room for a whole character, so E2BIG means progress was made.
                if failure == E2BIG { return written }
            case EINVAL where !fileEOF:
                // An incomplete character at the end of the input: read more before judging it.
                if written > 0 { return written }
                if rawEnd - rawStart >= 4 {
                    try replaceUndecodable(width: width, buffer: buffer, written: &written)
                } else {
                    let left = rawEnd - rawStart
                    raw.baseAddress!.copyMemory(from: raw.baseAddress! + rawStart, byteCount: left)
                    rawStart = 0
                    rawEnd = left
                    let n = try readFile(into: UnsafeMutableRawBufferPointer(rebasing: raw[rawEnd...]))
                    if n == 0 { fileEOF = true }
                    rawEnd += n
                    fileOffset += n
                }
            default:
                // EILSEQ, or an incomplete character at the very end of the file.
                if buffer.count - written < 3 { return written }
                try replaceUndecodable(width: width, buffer: buffer, written: &written)
            }
        }
        return written
    }

    /// Writes U+FFFD for one undecodable unit of input, skips it, and remembers where it was.
    private func replaceUndecodable(width: Int, buffer: UnsafeMutableRawBufferPointer, written: inout Int) throws(GuestListError) {
        guard buffer.count - written >= 3 else { return }
        decodeErrors.append(DecodeError(output: produced, fileOffset: fileOffset - (rawEnd - rawStart)))
        buffer[written] = 0xEF
        buffer[written + 1] = 0xBF
        buffer[written + 2] = 0xBD
        written += 3
        produced += 3
        rawStart += min(width, rawEnd - rawStart)
    }
}
