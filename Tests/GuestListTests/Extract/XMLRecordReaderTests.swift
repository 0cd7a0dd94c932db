import Foundation
import Testing

@testable import GuestList

@Suite("XMLRecordReader")
struct XMLRecordReaderTests {
    func read(_ file: String, _ record: String = "guest", _ fields: [String]) throws -> ([SourceRecord], GuestListError?, String) {
        try read(ExtractFixtures.url(file), record, fields)
    }

    func read(_ url: URL, _ record: String = "guest", _ fields: [String]) throws -> ([SourceRecord], GuestListError?, String) {
        var reader = try XMLRecordReader(url: url, recordElement: record, fields: fields)
        let (records, error) = ExtractFixtures.readAll(&reader)
        #expect(reader.columns == fields)
        return (records, error, reader.encodingName)
    }

    @Test("fields come from child text or attributes; CDATA, references and entities decode; text is trimmed")
    func childrenAndAttributes() throws {
        let (records, error, encoding) = try read("guests.xml", "guest", ["name", "email", "id", "lang", "notes"])
        #expect(error == nil)
        #expect(encoding == "utf-8")
        #expect(records.map(\.row) == [1, 2, 3, 4])
        #expect(records.map(\.line) == [3, 8, 12, 14])
        #expect(records.map(\.values) == [
            ["Taro Yamada", "taro@example.com", "g1", "ja", "Likes <b>tea</b> & cake"],
            ["Anne & Bob <Smith> é😀", "", "g2", "", ""],
            ["Attr", "attr@example.com", "g3", "", ""],
            ["", "", "g4", "", ""],
        ])
    }

    @Test("default and prefixed namespaces match by local name")
    func namespaces() throws {
        let (records, error, _) = try read("guests-namespaces.xml", "guest", ["name", "email", "id"])
        #expect(error == nil)
        #expect(records.map(\.values) == [["Prefixed", "one@example.com", "n1"], ["Default", "two@example.com", "n2"]])
        #expect(records.map(\.line) == [3, 7])
    }

    @Test("a prefix written in the pipeline is ignored too")
    func prefixedNamesInPipeline() throws {
        let (records, error, _) = try read("guests-namespaces.xml", "g:guest", ["g:name", "email"])
        #expect(error == nil)
        #expect(records.map(\.values) == [["Prefixed", "one@example.com"], ["Default", "two@example.com"]])
    }

    @Test("UTF-16 documents decode and the encoding is named")
    func utf16() throws {
        let (records, error, encoding) = try read("guests-utf16.xml", "guest", ["name"])
        #expect(error == nil)
        #expect(encoding == "utf-16le")
        #expect(records.map(\.values) == [["山田"]])
    }

    @Test("malformed XML keeps the records before the fault and names the line", arguments: [
        ("malformed.xml", [["One"], ["Two"]], 5),
        ("truncated.xml", [["One"]], 3),
    ])
    func malformed(file: String, kept: [[String]], line: Int) throws {
        var reader = try XMLRecordReader(url: ExtractFixtures.url(file), recordElement: "guest", fields: ["name"])
        let (records, error) = ExtractFixtures.readAll(&reader)
        #expect(records.map(\.values) == kept)
        #expect(error?.code == .sourceMalformed)
        #expect(error?.location?.line == line)
        #expect(error?.message.contains(":\(line):") == true)
        #expect(try reader.next() == nil)
    }

    @Test("an XML file without the record element is a source error naming the file, what it holds and the likely record")
    func noRecordElement() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attendees-\(UUID().uuidString).xml")
        try """
            <?xml version="1.0"?>
            <export><meta><made>today</made></meta>
              <attendee><name>One</name><email>one@example.com</email></attendee>
              <attendee><name>Two</name><email>two@example.com</email></attendee>
              <attendee><name>Three</name></attendee>
            </export>
            """.write(to: url, atomically: true, encoding: .utf8)
        let (records, error, _) = try read(url, "guest", ["name", "email"])
        #expect(records.isEmpty)
        let e = try #require(error)
        #expect(e.code == .source)
        #expect(e.message.contains(url.path) && e.message.contains("no <guest> element"), "\(e.message)")
        #expect(e.message.contains("<attendee> ×3, <name> ×3, <email> ×2, <meta> ×1, <made> ×1"), "\(e.message)")
        #expect(e.hint?.contains("record: attendee") == true, "\(e.hint ?? "")")
        // An export with no guests at all is an empty list, not a mistake.
        try #"<?xml version="1.0"?><export/>"#.write(to: url, atomically: true, encoding: .utf8)
        let (none, noError, _) = try read(url, "guest", ["name"])
        #expect(none.isEmpty && noError == nil)
        // One record anywhere is enough: the elements before it are not reported.
        let (found, foundError, _) = try read("guests.xml", "guest", ["name"])
        #expect(!found.isEmpty && foundError == nil)
    }

    @Test("a missing file is a source error naming it")
    func missingFile() {
        #expect {
            _ = try XMLRecordReader(url: ExtractFixtures.url("nope.xml"), recordElement: "guest", fields: ["name"])
        } throws: { error in
            (error as? GuestListError)?.code == .source && (error as? GuestListError)?.message.contains("nope.xml") == true
        }
    }

    @Test("a field longer than 1 MiB makes its record invalid, not memory grow")
    func hugeField() throws {
        let text = "<guests><guest><name>" + String(repeating: "x", count: 3 << 20)
            + "</name></guest><guest><name>ok</name></guest></guests>"
        let url = ExtractFixtures.temporaryFile(Array(text.utf8), suffix: ".xml")
        defer { try? FileManager.default.removeItem(at: url) }
        let (records, error, _) = try read(url, "guest", ["name"])
        #expect(error == nil)
        #expect(records.map(\.problem) == ["line 1: the field `name` is longer than 1 MiB", nil])
        #expect(records.last?.values == ["ok"])
    }

    @Test("line numbers past 65535 are right")
    func bigLineNumbers() throws {
        let text = "<guests>" + String(repeating: "\n", count: 70_000) + "<guest><name>Far</name></guest></guests>"
        let url = ExtractFixtures.temporaryFile(Array(text.utf8), suffix: ".xml")
        defer { try? FileManager.default.removeItem(at: url) }
        let (records, error, _) = try read(url, "guest", ["name"])
        #expect(error == nil)
        #expect(records.map(\.line) == [70_001])
    }
}

@Suite("XMLRecordReader against hostile input")
struct XMLHostileInputTests {
    /// The largest resident set so far, in bytes.
    static func peakRSS() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss
        #endif
    }

    @Test("no entity is expanded, no file or network is touched", arguments: [
        "xxe-file.xml", "xxe-parameter.xml", "billion-laughs.xml",
    ])
    func refused(file: String) throws {
        let clock = ContinuousClock()
        let before = Self.peakRSS()
        var records: [SourceRecord] = []
        var failure: GuestListError?
        let elapsed = try clock.measure {
            var reader = try XMLRecordReader(url: ExtractFixtures.url(file), recordElement: "guest", fields: ["name"])
            (records, failure) = ExtractFixtures.readAll(&reader)
        }
        #expect(elapsed < .milliseconds(500))
        #expect(Self.peakRSS() - before < 20 << 20)
        #expect(failure?.code == .sourceMalformed)
        #expect(failure?.message.contains("does not expand") == true)
        #expect(!records.contains { $0.values.joined().contains("root:") || $0.values.joined().contains("lol") })
    }

    @Test("an external entity naming a local file never puts its content in a record")
    func xxeLocalSecret() throws {
        let secret = ExtractFixtures.temporaryFile(Array("TOP-SECRET-\(UUID().uuidString)".utf8), suffix: ".txt")
        defer { try? FileManager.default.removeItem(at: secret) }
        let secretText = try String(contentsOf: secret, encoding: .utf8)
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE guests [ <!ENTITY s SYSTEM "file://\(secret.path)"> ]>
            <guests><guest email="&s;"><name>&s;</name></guest><guest><name>ok</name></guest></guests>
            """
        let url = ExtractFixtures.temporaryFile(Array(document.utf8), suffix: ".xml")
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try XMLRecordReader(url: url, recordElement: "guest", fields: ["name", "email"])
        let (records, error) = ExtractFixtures.readAll(&reader)
        #expect(!records.contains { $0.values.joined().contains(secretText) })
        #expect(error?.message.contains(secretText) != true)
        #expect(error?.code == .sourceMalformed)
    }

    @Test("an external DTD on an unreachable host is not fetched")
    func externalDTDNotFetched() throws {
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE guests SYSTEM "http://10.255.255.1/guests.dtd">
            <guests><guest><name>Safe</name></guest></guests>
            """
        let url = ExtractFixtures.temporaryFile(Array(document.utf8), suffix: ".xml")
        defer { try? FileManager.default.removeItem(at: url) }
        let clock = ContinuousClock()
        var records: [SourceRecord] = []
        let elapsed = try clock.measure {
            var reader = try XMLRecordReader(url: url, recordElement: "guest", fields: ["name"])
            records = ExtractFixtures.readAll(&reader).records
        }
        #expect(elapsed < .milliseconds(500))
        #expect(records.map(\.values) == [["Safe"]])
    }
}
