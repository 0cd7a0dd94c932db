import Foundation

/// Writes the benchmark inputs: guest lists shaped like real spreadsheet exports, deterministically.
enum InputGenerator {
    /// A tiny deterministic generator, so every run measures the same bytes.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let first = ["Taro", "Hanako", "John", "Mary", "Zoë", "Jörg", "Ana", "Li", "Aiko", "Omar", "Priya", "Sven"]
    static let last = ["Yamada", "Sato", "Smith", "Müller", "García", "Chen", "Suzuki", "Okafor", "Novak", "Kim"]
    static let zones = ["Asia/Tokyo", "JST", "America/New_York", "PST", "Europe/Berlin", "+09:00", "UTC", "Tokyo Standard Time"]
    static let companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises"]

    /// Eight columns; about a tenth of the fields quoted, some of those holding commas, doubled
    /// quotes or line breaks. A UTF-8 BOM and CRLF line ends, as Excel writes them.
    static func writeCSV(to url: URL, rows: Int) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var rng = Random(state: 42)
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.append(contentsOf: "Full Name,E-mail,Start,Time zone,Company,Phone,Notes,Tag\r\n".utf8)
        out.reserveCapacity(1 << 20 + 4096)
        for row in 0..<rows {
            let name = "\(first[rng.below(first.count)]) \(last[rng.below(last.count)])"
            let fields = [
                name,
                "guest\(row)@example.com",
                "2030-\(String(format: "%02d", 1 + rng.below(12)))-\(String(format: "%02d", 1 + rng.below(28))) \(9 + rng.below(9)):\(rng.below(2) == 0 ? "00" : "30")",
                zones[rng.below(zones.count)],
                companies[rng.below(companies.count)],
                "+81-90-\(1000 + rng.below(9000))-\(1000 + rng.below(9000))",
                "Seat \(rng.below(500))",
                "T\(rng.below(100))",
            ]
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if rng.below(10) == 0 {
                    // A tenth of the fields are quoted; some of those hold a comma, a quote or a line break.
                    let extra: String
                    switch rng.below(4) {
                    case 0: extra = ", Jr."
                    case 1: extra = " \"\"VIP\"\""
                    case 2: extra = "\nsecond line"
                    default: extra = ""
                    }
                    out.append(UInt8(ascii: "\""))
                    out.append(contentsOf: field.utf8)
                    out.append(contentsOf: extra.utf8)
                    out.append(UInt8(ascii: "\""))
                } else {
                    out.append(contentsOf: field.utf8)
                }
            }
            out.append(contentsOf: [13, 10])
            if out.count >= 1 << 20 {
                try handle.write(contentsOf: out)
                out.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: out)
    }

    /// Records with attributes, child elements, a namespace prefix, entities and CDATA.
    static func writeXML(to url: URL, records: Int) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var rng = Random(state: 7)
        var out = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<g:guests xmlns:g=\"urn:example:guests\">\n".utf8)
        for row in 0..<records {
            let name = "\(first[rng.below(first.count)]) \(last[rng.below(last.count)])"
            let company = companies[rng.below(companies.count)]
            let record = """
                  <g:guest id="g\(row)" locale="\(rng.below(2) == 0 ? "ja" : "en")">
                    <g:name>\(name)</g:name>
                    <g:email>guest\(row)@example.com</g:email>
                    <g:start>2030-03-\(String(format: "%02d", 1 + rng.below(28)))T\(9 + rng.below(9)):00:00+09:00</g:start>
                    <g:timeZone>\(zones[rng.below(zones.count)])</g:timeZone>
                    <g:company>\(company) &amp; Co.</g:company>
                    <g:notes><![CDATA[Seat \(rng.below(500)) <aisle>]]></g:notes>
                  </g:guest>

                """
            out.append(contentsOf: record.utf8)
            if out.count >= 1 << 20 {
                try handle.write(contentsOf: out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out.append(contentsOf: "</g:guests>\n".utf8)
        try handle.write(contentsOf: out)
    }
}
