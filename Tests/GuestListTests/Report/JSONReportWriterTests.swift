import Foundation
import Testing

@testable import GuestList

@Suite struct JSONReportWriterTests {
    /// SPEC §5's shape: the contract's keys in order, then the added ones; nulls written out.
    @Test func smallReportMatchesSnapshot() throws {
        let expected = #"""
            {"run": {"id": "r-0001", "pipeline": "spring-summit", "source": "/data/spring summit.csv", "startedAt": "2026-03-01T09:00:00Z", "finishedAt": "2026-03-01T09:00:05Z",
                     "counts": {"created": 1, "conflict": 1, "invalid": 1, "duplicate": 1, "skipped": 1, "failed": 1, "pending": 0},
                     "encoding": "utf-8", "sourceFault": null, "sourceChanged": false,
                     "conflictReasons": {"alreadyBooked": 0, "slotTaken": 0, "unknown": 0}, "settledRate": null},
             "rows": [
              {"row": 1, "line": 2, "status": "created", "name": "山田 太郎", "email": "taro@example.com", "startedAt": "2030-03-16T02:00:00.000Z", "timeZone": "Asia/Tokyo", "httpStatus": 201, "bookingUid": "bk_1", "attempts": 1, "error": null, "conflictReason": null, "warnings": []},
              {"row": 2, "line": 3, "status": "conflict", "name": "Jane \"JJ\" Doe", "email": "jane@example.com", "startedAt": "2030-03-16T02:00:00.000Z", "timeZone": "Asia/Tokyo", "httpStatus": 409, "bookingUid": null, "attempts": 1, "error": "409: the slot is taken", "conflictReason": null, "warnings": []},
              {"row": 3, "line": 4, "status": "invalid", "name": "=HYPERLINK(\"http://x\")", "email": "not-an-email", "startedAt": "2030-02-30 10:00", "timeZone": "Mars/Base", "httpStatus": null, "bookingUid": null, "attempts": 0, "error": "email: not valid,\nsee line 4", "conflictReason": null, "warnings": ["domain may be a typo"]},
              {"row": 4, "line": 6, "status": "duplicate", "name": "<script>alert(1)</script>", "email": "dup@example.com", "startedAt": "2030-03-16T02:00:00.000Z", "timeZone": "Asia/Tokyo", "httpStatus": null, "bookingUid": null, "attempts": 0, "error": "same booking as row 1", "conflictReason": null, "warnings": []},
              {"row": 5, "line": 7, "status": "skipped", "name": "Skip Me", "email": "skip@example.com", "startedAt": "2030-03-16T02:00:00.000Z", "timeZone": "Asia/Tokyo", "httpStatus": null, "bookingUid": null, "attempts": 0, "error": null, "conflictReason": null, "warnings": []},
              {"row": 6, "line": 8, "status": "failed", "name": "Back\\slash\ttab", "email": "fail@example.com", "startedAt": "2030-03-16T02:00:00.000Z", "timeZone": "Asia/Tokyo", "httpStatus": 422, "bookingUid": null, "attempts": 3, "error": "422: name is too long", "conflictReason": null, "warnings": []}
             ]}

            """#
        #expect(try JSONReportWriter().render(ReportFixtures.small) == expected)
    }

    @Test func outputParsesAndRoundTripsValues() throws {
        let text = try JSONReportWriter().render(ReportFixtures.small)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require(object["run"] as? [String: Any])
        #expect(run["finishedAt"] as? String == "2026-03-01T09:00:05Z")
        #expect(run["sourceFault"] is NSNull)
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 6)
        #expect(rows.map { $0["name"] as? String } == ReportFixtures.rows.map(\.name))
        #expect(rows[2]["error"] as? String == "email: not valid,\nsee line 4")
        #expect(rows[0]["error"] is NSNull)
    }

    @Test func unfinishedRunHasNullFinishedAtAndEmptyRows() throws {
        let run = RunInfo(id: "r", pipeline: "p", source: "s", startedAt: "t", finishedAt: nil, counts: StatusCounts())
        let text = try JSONReportWriter().render(RunReport(run: run, rows: []))
        #expect(text.contains("\"finishedAt\": null"))
        #expect(text.hasSuffix("\"rows\": []}\n"))
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }

    @Test(arguments: [
        ("a\"b", #""a\"b""#), ("back\\slash", #""back\\slash""#), ("line\nbreak", #""line\nbreak""#),
        ("cr\rlf", #""cr\rlf""#), ("tab\t", #""tab\t""#), ("\u{01}bell\u{07}", #""\u0001bell\u0007""#),
        ("\u{1F}", #""\u001f""#), ("sep\u{2028}", #""sep\u2028""#), ("日本語 é 🎉", "\"日本語 é 🎉\""),
        ("</script>", "\"</script>\""),
    ])
    func stringsAreEscaped(input: String, expected: String) throws {
        #expect(JSONString.quoted(input) == expected)
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(expected)]".utf8)) as? [String]
        #expect(parsed == [input])
    }
}

/// `JSONString` works on bytes; this is the rule it follows, written scalar by scalar as the reference.
@Suite("JSONString")
struct JSONStringTests {
    static func reference(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}", "\u{2029}", "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test("random strings are escaped as the reference escapes them", arguments: 0..<4)
    func matchesTheReference(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) + 100)
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{0}", "\u{1F}", "\u{7F}", "/", "\u{2028}", "\u{2029}",
            "\u{2027}", "\u{202A}", "€", "—", "山", "🎉", "é", "\u{301}", "\u{FEFF}",
        ]
        for _ in 0..<2_000 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }))
            #expect(JSONString.quoted(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
