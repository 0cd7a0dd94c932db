import CLibXML2
import Foundation

/// Reads records from an XML export with libxml2's streaming SAX2 push parser, in flat memory.
///
/// `recordElement` names the repeating element; names match by local name, so default and
/// prefixed namespaces need no configuration. A field is the trimmed text of a child element
/// (CDATA, character references and predefined entities decoded), or else an attribute of the
/// record element; a field a record lacks is empty.
///
/// Why SAX and not `xmlTextReader`: the reader parses ahead in 512-byte chunks and, on a fault,
/// fails the whole chunk, so the good records just before a fault would be lost. Events arrive
/// here in document order, so every record that closes before the fault is returned.
///
/// Hostile input is refused: the handler declares no entity, loads no DTD and resolves nothing, and
/// the parser runs with `XML_PARSE_NONET`. A reference to an entity declared in a DTD therefore
/// stops the read with a clear error instead of being expanded, which defuses both XXE and
/// "billion laughs". Malformed XML throws `.sourceMalformed` after the good records.
public struct XMLRecordReader: RecordSource {
    /// The field names asked for, in order.
    public let columns: [String]
    let parser: XMLRecordParser

    /// The document's encoding as the report names it (`utf-8`, `utf-16le`, …).
    public var encodingName: String { parser.encodingName }

    /// Opens `url` for streaming.
    /// - Throws: `GuestListError(.source)` when the file is missing or unreadable.
    public init(url: URL, recordElement: String, fields: [String]) throws(GuestListError) {
        columns = fields
        parser = try XMLRecordParser(path: url.path, recordElement: recordElement, fields: fields)
    }

    /// The next record, or nil at the end of the document.
    /// - Throws: `GuestListError(.sourceMalformed)` naming the line when the document breaks.
    public mutating func next() throws(GuestListError) -> SourceRecord? {
        try parser.next()
    }
}
