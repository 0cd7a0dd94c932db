import Foundation
import Testing

@testable import GuestList

@Suite struct CSVReportWriterTests {
    @Test func standardLayoutMatchesSnapshot() throws {
        let expected = [
            "row,line,status,name,email,startedAt,timeZone,httpStatus,bookingUid,attempts,error",
            "1,2,created,山田 太郎,taro@example.com,2030-03-16T02:00:00.000Z,Asia/Tokyo,201,bk_1,1,",
            "2,3,conflict,\"Jane \"\"JJ\"\" Doe\",jane@example.com,2030-03-16T02:00:00.000Z,Asia/Tokyo,409,,1,409: the slot is taken",
            "3,4,invalid,\"'=HYPERLINK(\"\"http://x\"\")\",not-an-email,2030-02-30 10:00,Mars/Base,,,0,\"email: not valid,\nsee line 4\"",
            "4,6,duplicate,<script>alert(1)</script>,dup@example.com,2030-03-16T02:00:00.000Z,Asia/Tokyo,,,0,same booking as row 1",
            "5,7,skipped,Skip Me,skip@example.com,2030-03-16T02:00:00.000Z,Asia/Tokyo,,,0,",
            "6,8,failed,Back\\slash\ttab,fail@example.com,2030-03-16T02:00:00.000Z,Asia/Tokyo,422,,3,422: name is too long",
        ].map { $0 + "\r\n" }.joined()
        #expect(try CSVReportWriter().render(ReportFixtures.small) == expected)
    }

    @Test func headerIsExactlyTheContractsRowKeys() throws {
        let header = try CSVReportWriter().render(RunReport(run: ReportFixtures.run, rows: []))
        #expect(header == "row,line,status,name,email,startedAt,timeZone,httpStatus,bookingUid,attempts,error\r\n")
    }

    @Test func originalLayoutMatchesSnapshot() throws {
        let expected = [
            "Full Name,E-mail,Phone,status,error",
            "山田 太郎,taro@example.com,+81,created,",
            "\"Jane \"\"JJ\"\" Doe\",jane@example.com,-5,conflict,409: the slot is taken",
            "\"'=HYPERLINK(\"\"http://x\"\")\",not-an-email,'+81 90-1234-5678,invalid,\"email: not valid,\nsee line 4\"",
            "<script>alert(1)</script>,dup@example.com,,duplicate,same booking as row 1",
            "Skip Me,skip@example.com,,skipped,",
            "Back\\slash\ttab,fail@example.com,'@home,failed,422: name is too long",
        ].map { $0 + "\r\n" }.joined()
        #expect(try CSVReportWriter().renderOriginal(ReportFixtures.small) == expected)
    }

    @Test func originalLayoutAddsLaterColumnsAndRenamesClashes() throws {
        let rows = [
            ReportRow(row: 1, line: 2, status: .invalid, name: "", email: "", startedAt: "", timeZone: "",
                      error: "bad", original: [("name", "A"), ("status", "VIP")]),
            ReportRow(row: 2, line: 3, status: .failed, name: "", email: "", startedAt: "", timeZone: "",
                      error: "worse", original: [("status", "guest"), ("name", "B"), ("extra", "x")]),
        ]
        let text = try CSVReportWriter().renderOriginal(RunReport(run: ReportFixtures.run, rows: rows))
        #expect(text == "name,status,extra,guestlist status,error\r\nA,VIP,,invalid,bad\r\nB,guest,x,failed,worse\r\n")
    }

    @Test func byteOrderMarkIsOptional() throws {
        let withMark = try CSVReportWriter(byteOrderMark: true).render(ReportFixtures.small)
        #expect(Array(withMark.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(try !CSVReportWriter().render(ReportFixtures.small).hasPrefix("\u{FEFF}"))
    }

    /// OWASP's CSV-injection triggers are guarded in text cells; plain numbers are left alone.
    @Test(arguments: [
        ("=1+2", "'=1+2"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-5", "-5"), ("+81", "+81"), ("-0.5", "-0.5"), ("-", "'-"),
        ("+81 90-1234-5678", "'+81 90-1234-5678"), ("a=b", "a=b"), ("", ""), ("山田", "山田"),
        ("'=1", "''=1"), ("'hello", "'hello"),
    ])
    func formulaTriggersAreGuarded(value: String, expected: String) {
        #expect(CSVField.guarded(value) == expected)
    }

    @Test func formulaGuardAppliesToTextColumnsOnly() throws {
        let row = ReportRow(row: 1, line: 2, status: .failed, name: "=cmd", email: "@evil", startedAt: "-1",
                            timeZone: "+09:00", httpStatus: 422, attempts: 2, error: "-err")
        let line = try CSVReportWriter().render(RunReport(run: ReportFixtures.run, rows: [row])).split(separator: "\r\n")[1]
        #expect(line == "1,2,failed,'=cmd,'@evil,-1,'+09:00,422,,2,'-err")
        let raw = try CSVReportWriter(escapeFormulas: false).render(RunReport(run: ReportFixtures.run, rows: [row]))
        #expect(raw.hasSuffix("1,2,failed,=cmd,@evil,-1,+09:00,422,,2,-err\r\n"))
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("cr\r\nlf", "\"cr\r\nlf\""), (" padded ", "\" padded \""), ("", ""),
        ("\"\u{301}", "\"\"\"\u{301}\""), ("a\"\u{301}b", "\"a\"\"\u{301}b\""), ("\r", "\"\r\""),
    ])
    func fieldsAreQuotedPerRFC4180(value: String, expected: String) {
        #expect(CSVField.quoted(value) == expected)
    }
}

/// `BufferedOutput.writeCSV` quotes over bytes; `CSVField.quoted` is the rule, over scalars.
@Suite("CSV cells over bytes")
struct CSVCellBytesTests {
    @Test("random cells are written as CSVField.quoted writes them", arguments: 0..<3)
    func matchesQuoted(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) + 7)
        let alphabet: [Unicode.Scalar] = ["a", " ", ",", "\"", "\n", "\r", "\t", "'", "=", "-", "山", "é", "\u{301}", "🎉"]
        for _ in 0..<2_000 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! }))
            let out = BufferedOutput(collecting: ())
            out.writeCSV(text)
            #expect(out.text == CSVField.quoted(text), "\(text.debugDescription)")
        }
    }
}
