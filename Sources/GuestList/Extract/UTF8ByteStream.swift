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
    /// The file's path, for error messages.
    let path: String
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
    /// Undecodable input found so far, in output order; entries before `errorsHead` are spent.
    private var decodeErrors: [DecodeError] = []
    private var errorsHead = 0
    /// At most this many places are remembered at once, so garbage input cannot grow memory;
    /// past it, `untrackedErrors` is set and records are checked for U+FFFD instead.
    static let maxTrackedErrors = 65_536
    private(set) var untrackedErrors = false

    /// Opens a stream over an already opened file; the stream does not close `fd`.
    init(fd: Int32, path: String, encoding: DetectedEncoding, chunkSize: Int = 1 << 20) throws(GuestListError) {
        self.fd = fd
        self.path = path
        self.encoding = encoding
        self.fileOffset = encoding.bomLength
        raw = .allocate(byteCount: encoding.kind == .utf8 ? 0 : chunkSize, alignment: 8)
        guard lseek(fd, off_t(encoding.bomLength), SEEK_SET) >= 0 else {
            // Every stored property is set, so a throw here runs deinit, which frees `raw`.
            throw GuestListError(
                .source, "could not read \(path): \(String(cString: strerror(errno)))", location: SourceLocation(file: path))
        }
        if encoding.kind != .utf8 {
            let name = encoding.kind == .shiftJIS ? "CP932" : (encoding.kind == .utf16LE ? "UTF-16LE" : "UTF-16BE")
            let cd = iconv_open("UTF-8", name)
            if cd == iconv_t(bitPattern: -1) {
                throw GuestListError(
                    .source, "cannot read \(path): this system cannot convert \(encoding.kind.rawValue) text (iconv has no \(name))",
                    location: SourceLocation(file: path))
            }
            converter = cd
        }
    }

    deinit {
        if let converter { iconv_close(converter) }
        raw.deallocate()
    }

    /// The first undecodable place in the output range, forgetting those before it: records ask
    /// in order, so each entry is looked at about once.
    func firstDecodeError(in range: Range<Int>) -> DecodeError? {
        while errorsHead < decodeErrors.count, decodeErrors[errorsHead].output < range.lowerBound { errorsHead += 1 }
        if errorsHead > 4096 && errorsHead * 2 > decodeErrors.count {
            decodeErrors.removeFirst(errorsHead)
            errorsHead = 0
        }
        guard errorsHead < decodeErrors.count, decodeErrors[errorsHead].output < range.upperBound else { return nil }
        return decodeErrors[errorsHead]
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
            throw GuestListError(
                .source, "could not read \(path): \(String(cString: strerror(errno)))", location: SourceLocation(file: path))
        }
    }

    /// Converts as much input as fits, so the scanner gets whole chunks even from broken input
    /// (returning after every bad byte would make it rescan a long record again and again).
    private func convert(into buffer: UnsafeMutableRawBufferPointer) throws(GuestListError) -> Int {
        let width = encoding.kind == .shiftJIS ? 1 : 2
        var written = 0
        // Four bytes is the longest UTF-8 character; U+FFFD needs three.
        while buffer.count - written >= 4 {
            if rawEnd - rawStart < 4 && !fileEOF { try topUpInput() }
            if rawStart == rawEnd { break }
            var inPointer: UnsafeMutablePointer<CChar>? = (raw.baseAddress! + rawStart).assumingMemoryBound(to: CChar.self)
            var inLeft = rawEnd - rawStart
            var outPointer: UnsafeMutablePointer<CChar>? = (buffer.baseAddress! + written).assumingMemoryBound(to: CChar.self)
            var outLeft = buffer.count - written
            let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            let failure = result == -1 ? errno : 0
            rawStart += (rawEnd - rawStart) - inLeft
            let made = (buffer.count - written) - outLeft
            written += made
            produced += made
            switch failure {
            case 0:
                continue
            case E2BIG:
                return written
            case EINVAL where !fileEOF && rawEnd - rawStart < 4:
                // An incomplete character at the end of the input: read more before judging it.
                try topUpInput()
            default:
                // EILSEQ, or an incomplete character that no more input can complete.
                replaceUndecodable(width: width, buffer: buffer, written: &written)
            }
        }
        return written
    }

    /// Moves a partial character to the front of the input buffer and reads more of the file.
    private func topUpInput() throws(GuestListError) {
        let left = rawEnd - rawStart
        if left > 0 { raw.baseAddress!.copyMemory(from: raw.baseAddress! + rawStart, byteCount: left) }
        rawStart = 0
        rawEnd = left
        let n = try readFile(into: UnsafeMutableRawBufferPointer(rebasing: raw[rawEnd...]))
        if n == 0 { fileEOF = true }
        rawEnd += n
        fileOffset += n
    }

    /// Writes U+FFFD for one undecodable unit of input, skips it, and remembers where it was.
    private func replaceUndecodable(width: Int, buffer: UnsafeMutableRawBufferPointer, written: inout Int) {
        guard buffer.count - written >= 3 else { return }
        if decodeErrors.count - errorsHead < Self.maxTrackedErrors {
            decodeErrors.append(DecodeError(output: produced, fileOffset: fileOffset - (rawEnd - rawStart)))
        } else {
            untrackedErrors = true
        }
        buffer[written] = 0xEF
        buffer[written + 1] = 0xBF
        buffer[written + 2] = 0xBD
        written += 3
        produced += 3
        rawStart += min(width, rawEnd - rawStart)
    }
}
