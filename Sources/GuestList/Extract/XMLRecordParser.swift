import CLibXML2
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns the libxml2 push parser and the file, feeds it a chunk at a time, and queues the records
/// its SAX callbacks complete. Freed exactly once, when the last reader copy goes.
final class XMLRecordParser {
    let path: String
    let encodingName: String
    let recordName: [UInt8]
    let fieldNames: [[UInt8]]
    private let fd: Int32
    private var context: xmlParserCtxtPtr?
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    private var endOfFile = false

    // State the SAX callbacks update (see XMLRecordParser+SAX.swift). Only this object's own
    // methods touch it, one call at a time from `next()`, so the per-access exclusivity checks
    // (a tenth of the run time) are switched off.
    @exclusivity(unchecked) var queue: [SourceRecord] = []
    @exclusivity(unchecked) var queueHead = 0
    @exclusivity(unchecked) var row = 0
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) var recordDepth: Int?
    @exclusivity(unchecked) var recordLine = 0
    @exclusivity(unchecked) var values: [String] = []
    @exclusivity(unchecked) var field: Int?
    @exclusivity(unchecked) var text: [UInt8] = []
    @exclusivity(unchecked) var fault: GuestListError?
    @exclusivity(unchecked) var problem: String?
    /// Field index by libxml2's interned local-name pointer (names are interned per parser, so
    /// equal names share a pointer); -1 for a name that is no field.
    @exclusivity(unchecked) var fieldByName: [UnsafeRawPointer: Int] = [:]
    /// Until the first record: how often each element below the root occurred, and how deep it first
    /// did, by interned name. A document with none of the record element names what it does hold.
    @exclusivity(unchecked) var elementsBeforeRecord: [UnsafeRawPointer: (name: String, count: Int, depth: Int)] = [:]

    init(path: String, recordElement: String, fields: [String]) throws(GuestListError) {
        self.path = path
        // Names match by local name, so a prefix the user wrote (`g:guest`) is dropped.
        func localName(_ name: String) -> [UInt8] { Array((name.split(separator: ":").last.map(String.init) ?? name).utf8) }
        recordName = localName(recordElement)
        fieldNames = fields.map(localName)
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw GuestListError(
                .source, "cannot open the source file \(path): \(String(cString: strerror(errno)))",
                location: SourceLocation(file: path))
        }
        encodingName = Self.declaredEncoding(fd: fd)
        _ = Self.libraryReady
        var handler = Self.saxHandler()
        let context = withUnsafeMutablePointer(to: &handler) { sax in
            xmlCreatePushParserCtxt(sax, Unmanaged.passUnretained(self).toOpaque(), nil, 0, path)
        }
        guard let context else {
            // Every stored property is set, so throwing runs deinit, which closes `fd` (closing it here too
            // could close a descriptor number that another file has reused meanwhile).
            throw GuestListError(.source, "cannot start an XML parser for \(path)", location: SourceLocation(file: path))
        }
        // NONET: never fetch anything. No NOENT, DTDLOAD or DTDATTR: nothing is substituted or
        // loaded. BIG_LINES: line numbers above 65535 stay right.
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue))
        self.context = context
    }

    /// libxml2's global state, set up once before any parser runs on any thread.
    private static let libraryReady: Void = xmlInitParser()

    /// The longest field text kept; a longer one makes its record invalid (memory stays flat).
    static let maxFieldBytes = 1 << 20

    deinit {
        if let context {
            if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
            xmlFreeParserCtxt(context)
        }
        close(fd)
    }

    /// The parser's current line, for the record that starts now.
    var currentLine: Int { Int(context?.pointee.input?.pointee.line ?? 0) }

    func next() throws(GuestListError) -> SourceRecord? {
        while true {
            if queueHead < queue.count {
                let record = queue[queueHead]
                queueHead += 1
                return record
            }
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
            if let fault {
                self.fault = nil
                endOfFile = true
                throw fault
            }
            if endOfFile { return nil }
            try feed()
        }
    }

    /// Hands the parser the next chunk of the file (or the end of it).
    private func feed() throws(GuestListError) {
        guard let context else { return }
        let n = chunk.withUnsafeMutableBytes { buffer in
            var count: Int
            repeat { count = read(fd, buffer.baseAddress, buffer.count) } while count < 0 && errno == EINTR
            return count
        }
        if n < 0 {
            endOfFile = true
            throw GuestListError(
                .source, "could not read \(path): \(String(cString: strerror(errno)))", location: SourceLocation(file: path))
        }
        let status = chunk.withUnsafeBytes { buffer in
            xmlParseChunk(context, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(n), n == 0 ? 1 : 0)
        }
        if n == 0 {
            endOfFile = true
            if recordDepth != nil, fault == nil {
                fail("the document ends inside a <\(String(decoding: recordName, as: UTF8.self))> record", line: currentLine)
            }
        }
        if status != 0, fault == nil {
            fail("the XML cannot be parsed", line: currentLine)
        }
        if endOfFile, fault == nil, row == 0, !elementsBeforeRecord.isEmpty {
            fault = noRecordElement()
        }
    }

    /// The document holds elements but not one record element: most likely `record:` names the wrong
    /// element. Reading zero guests silently would look like an empty list.
    private func noRecordElement() -> GuestListError {
        let seen = elementsBeforeRecord.values.map { (name: $0.name, $0.count, $0.depth) }
        let listed = seen.sorted { ($0.1, -$0.2, $1.name) > ($1.1, -$1.2, $0.name) }.prefix(6)
            .map { "<\($0.name)> ×\($0.1)" }.joined(separator: ", ")
        // The likely record: an element that repeats, as near the root as such elements come.
        let likely = seen.filter { $0.1 > 1 }.min { ($0.2, -$0.1, $0.name) < ($1.2, -$1.1, $1.name) }
        let record = String(decoding: recordName, as: UTF8.self)
        return GuestListError(
            .source, "\(path) has no <\(record)> element, so no guest can be read from it; it holds \(listed)",
            location: SourceLocation(file: path),
            hint: likely.map { "`source.record` names the element of one guest: is it `record: \($0.name)`?" }
                ?? "`source.record` in the pipeline names the element of one guest")
    }

    /// Records the first fault and stops the parser; the records queued before it still come out.
    func fail(_ reason: String, line: Int) {
        guard fault == nil else { return }
        fault = GuestListError(
            .sourceMalformed, "\(path):\(line): the XML is malformed: \(reason)",
            location: SourceLocation(file: path, line: line),
            hint: "the records before line \(line) were read; fix the file and run again")
        endOfFile = true
        if let context { xmlStopParser(context) }
    }

    /// The encoding the report names: from the byte-order mark, else the XML declaration, else UTF-8.
    static func declaredEncoding(fd: Int32) -> String {
        var head = [UInt8](repeating: 0, count: 256)
        let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 256, 0) }
        head = Array(head.prefix(max(0, n)))
        if head.starts(with: [0xFF, 0xFE]) { return "utf-16le" }
        if head.starts(with: [0xFE, 0xFF]) { return "utf-16be" }
        if head.count > 1, head[0] == 0x3C, head[1] == 0 { return "utf-16le" }
        if head.count > 1, head[0] == 0, head[1] == 0x3C { return "utf-16be" }
        let text = String(decoding: head, as: UTF8.self)
        guard text.hasPrefix("<?xml"), let declEnd = text.range(of: "?>"),
            let key = text.range(of: "encoding", range: text.startIndex..<declEnd.lowerBound)
        else { return "utf-8" }
        let rest = text[key.upperBound..<declEnd.lowerBound].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return "utf-8" }
        let name = rest.dropFirst().prefix { $0 != quote }.lowercased()
        switch name {
        case "shift_jis", "shift-jis", "sjis", "windows-31j", "cp932": return "shift_jis"
        case "utf-16": return "utf-16le"
        default: return name.isEmpty ? "utf-8" : name
        }
    }
}
