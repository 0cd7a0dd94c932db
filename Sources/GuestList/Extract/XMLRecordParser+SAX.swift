import CLibXML2
import Foundation

/// The parser a callback's `ctx` points to (the context must not be captured: these are C pointers).
private func parser(_ ctx: UnsafeMutableRawPointer) -> XMLRecordParser {
    Unmanaged<XMLRecordParser>.fromOpaque(ctx).takeUnretainedValue()
}

/// The SAX2 callbacks: C function pointers that find their `XMLRecordParser` through `ctx`.
extension XMLRecordParser {
    static func saxHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { ctx, localName, _, _, _, _, attributeCount, _, attributes in
            guard let ctx, let localName else { return }
            parser(ctx).startElement(localName, attributeCount: Int(attributeCount), attributes: attributes)
        }
        sax.endElementNs = { ctx, _, _, _ in
            guard let ctx else { return }
            parser(ctx).endElement()
        }
        sax.characters = { ctx, bytes, length in
            guard let ctx, let bytes else { return }
            parser(ctx).characters(bytes, Int(length))
        }
        sax.cdataBlock = sax.characters
        sax.ignorableWhitespace = sax.characters
        // Reached only for an entity the parser could not resolve: every DTD entity, since this
        // handler declares none. Refuse it rather than silently dropping text.
        sax.reference = { ctx, name in
            guard let ctx else { return }
            parser(ctx).refuseEntity(name.map { String(cString: $0) } ?? "?")
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            parser(ctx).parserError(error.pointee)
        }
        return sax
    }

    func startElement(_ localName: UnsafePointer<xmlChar>, attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        depth += 1
        guard fault == nil else { return }
        if let recordDepth {
            if field == nil, depth == recordDepth + 1, let k = fieldIndex(localName) {
                field = k
                text.removeAll(keepingCapacity: true)
            }
            return
        }
        guard Self.equal(localName, recordName) else {
            if row == 0, depth > 1 {
                let key = UnsafeRawPointer(localName)
                if elementsBeforeRecord[key] != nil {
                    elementsBeforeRecord[key]!.count += 1
                } else if elementsBeforeRecord.count < 256 {
                    elementsBeforeRecord[key] = (String(cString: localName), 1, depth)
                }
            }
            return
        }
        recordDepth = depth
        recordLine = currentLine
        values = [String](repeating: "", count: fieldNames.count)
        guard let attributes else { return }
        // Five pointers per attribute: local name, prefix, URI, value start, value end.
        for a in 0..<attributeCount {
            guard let name = attributes[5 * a], let start = attributes[5 * a + 3], let end = attributes[5 * a + 4],
                let k = fieldIndex(name)
            else { continue }
            let bytes = UnsafeBufferPointer(start: start, count: end - start)
            var value = TextTrimming.trimmedString(bytes)
            // Without entity substitution libxml2 keeps `&` from `&amp;` as `&#38;` in attributes.
            if bytes.contains(UInt8(ascii: "&")) { value = value.replacingOccurrences(of: "&#38;", with: "&") }
            values[k] = value
        }
    }

    func endElement() {
        defer { depth -= 1 }
        guard fault == nil, let recordDepth else { return }
        if depth == recordDepth + 1, let k = field {
            values[k] = text.withUnsafeBufferPointer(TextTrimming.trimmedString)
            field = nil
        } else if depth == recordDepth {
            row += 1
            queue.append(SourceRecord(row: row, line: recordLine, values: values, problem: problem))
            problem = nil
            self.recordDepth = nil
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, _ length: Int) {
        guard let field, fault == nil else { return }
        guard text.count + length <= Self.maxFieldBytes else {
            if problem == nil {
                let name = String(decoding: fieldNames[field], as: UTF8.self)
                problem = "line \(recordLine): the field `\(name)` is longer than \(Self.maxFieldBytes >> 20) MiB"
            }
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
    }

    func refuseEntity(_ name: String) {
        fail(
            "it uses the entity `&\(name);` declared in a DTD, which guestlist does not expand "
                + "(such entities can read local files or exhaust memory)", line: currentLine)
    }

    func parserError(_ error: xmlError) {
        if error.code == XML_ERR_UNDECLARED_ENTITY.rawValue || error.code == XML_WAR_UNDECLARED_ENTITY.rawValue {
            let name = error.str1.map { String(cString: $0) } ?? "?"
            refuseEntity(name)
            return
        }
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let message = error.message.map { String(cString: $0) } ?? "unknown XML error"
        let line = error.line > 0 ? Int(error.line) : currentLine
        fail(message.trimmingCharacters(in: .whitespacesAndNewlines), line: line)
    }

    private func fieldIndex(_ name: UnsafePointer<xmlChar>) -> Int? {
        let key = UnsafeRawPointer(name)
        if let known = fieldByName[key] { return known < 0 ? nil : known }
        let index = fieldNames.firstIndex { Self.equal(name, $0) }
        // Interned names are few; a document that somehow is not interning stays bounded.
        if fieldByName.count < 4096 { fieldByName[key] = index ?? -1 }
        return index
    }

    static func equal(_ cName: UnsafePointer<xmlChar>, _ name: [UInt8]) -> Bool {
        var i = 0
        while i < name.count {
            if cName[i] != name[i] { return false }
            i += 1
        }
        return cName[i] == 0
    }
}
