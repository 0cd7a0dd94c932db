import Foundation
import Testing
@testable import GuestList

@Suite("DateTimeParser")
struct DateTimeParserTests {
    typealias L = LocalDateTime

    static let accepted: [(String, L, Int?)] = [
        ("2030-03-16 11:00", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("2030-03-16T11:00", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("2030-03-16t11:00", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("2030-03-16 11:00:30", L(year: 2030, month: 3, day: 16, hour: 11, second: 30), nil),
        ("2030-03-16T11:00:30.5", L(year: 2030, month: 3, day: 16, hour: 11, second: 30, millisecond: 500), nil),
        ("2030-03-16T11:00:30.123456", L(year: 2030, month: 3, day: 16, hour: 11, second: 30, millisecond: 123), nil),
        ("2030-03-16T11:00:00Z", L(year: 2030, month: 3, day: 16, hour: 11), 0),
        ("2030-03-16T11:00:00.000Z", L(year: 2030, month: 3, day: 16, hour: 11), 0),
        ("2030-03-16T11:00:00+09:00", L(year: 2030, month: 3, day: 16, hour: 11), 32_400),
        ("2030-03-16T11:00+0900", L(year: 2030, month: 3, day: 16, hour: 11), 32_400),
        ("2030-03-16T11:00+09", L(year: 2030, month: 3, day: 16, hour: 11), 32_400),
        ("2030-03-16T11:00:00-05:00", L(year: 2030, month: 3, day: 16, hour: 11), -18_000),
        ("2030-03-16 11:00 +05:30", L(year: 2030, month: 3, day: 16, hour: 11), 19_800),
        ("2030-03-16 11:00 UTC", L(year: 2030, month: 3, day: 16, hour: 11), 0),
        ("2030-03-16 11:00 GMT+9", L(year: 2030, month: 3, day: 16, hour: 11), 32_400),
        ("2030/3/6 9:00", L(year: 2030, month: 3, day: 6, hour: 9), nil),
        ("2030/03/06 09:00", L(year: 2030, month: 3, day: 6, hour: 9), nil),
        ("2030.3.6 9:00", L(year: 2030, month: 3, day: 6, hour: 9), nil),
        ("20300316T11:00", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("2030-03-16 9:00 AM", L(year: 2030, month: 3, day: 16, hour: 9), nil),
        ("2030-03-16 9:00AM", L(year: 2030, month: 3, day: 16, hour: 9), nil),
        ("2030-03-16 9:00 pm", L(year: 2030, month: 3, day: 16, hour: 21), nil),
        ("2030-03-16 12:00 AM", L(year: 2030, month: 3, day: 16, hour: 0), nil),
        ("2030-03-16 12:30 PM", L(year: 2030, month: 3, day: 16, hour: 12, minute: 30), nil),
        ("2030-03-16 9 a.m.", L(year: 2030, month: 3, day: 16, hour: 9), nil),
        ("2030-03-16 2:30 p.m.", L(year: 2030, month: 3, day: 16, hour: 14, minute: 30), nil),
        ("2030-03-16 午前9:00", L(year: 2030, month: 3, day: 16, hour: 9), nil),
        ("2030-03-16 午後2:30", L(year: 2030, month: 3, day: 16, hour: 14, minute: 30), nil),
        ("2030年3月16日 11:00", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("2030年3月16日(土) 11:00", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("2030年3月16日（土） 午後2時30分", L(year: 2030, month: 3, day: 16, hour: 14, minute: 30), nil),
        ("2030年03月16日 11時", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("２０３０／３／１６　１１：００", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("  2030-03-16 11:00  ", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("2032-02-29 10:00", L(year: 2032, month: 2, day: 29, hour: 10), nil),
        ("2030-12-31 23:59:59", L(year: 2030, month: 12, day: 31, hour: 23, minute: 59, second: 59), nil),
    ]

    @Test("accepted spellings", arguments: accepted)
    func accepts(_ text: String, _ local: L, _ offset: Int?) throws {
        let parsed = try DateTimeParser().parse(text).get()
        #expect(parsed.local == local)
        #expect(parsed.offset == offset)
    }

    static let dayFirst: [(String, NormalizeOptions.DateOrder, L)] = [
        ("3/6/2030 9:00", .mdy, L(year: 2030, month: 3, day: 6, hour: 9)),
        ("3/6/2030 9:00", .dmy, L(year: 2030, month: 6, day: 3, hour: 9)),
        ("12/31/2030 10:00 PM", .mdy, L(year: 2030, month: 12, day: 31, hour: 22)),
        ("31.12.2030 22:00", .dmy, L(year: 2030, month: 12, day: 31, hour: 22)),
        ("06-03-2030 09:00", .dmy, L(year: 2030, month: 3, day: 6, hour: 9)),
    ]

    @Test("year-last dates follow the declared dateOrder", arguments: dayFirst)
    func declaredOrder(_ text: String, _ order: NormalizeOptions.DateOrder, _ local: L) throws {
        #expect(try DateTimeParser(dateOrder: order).parse(text).get().local == local)
    }

    static let refused: [(String, String)] = [
        ("3/6/2030 9:00", "normalize.dateOrder"), ("13/6/2030 9:00", "normalize.dateOrder"),
        ("3/6/30 9:00", "four digits"), ("2030-02-30 10:00", "February 2030 has 28 days"),
        ("2031-02-29 10:00", "28 days"), ("2030-04-31 10:00", "30 days"), ("2030-13-01 10:00", "months run"),
        ("2030-00-10 10:00", "months run"), ("2030-03-16 24:00", "hours run"), ("2030-03-16 11:60", "minutes run"),
        ("2030-03-16 11:00:61", "seconds run"), ("2030-03-16 13:00 PM", "12-hour clock"),
        ("2030-03-16", "no time of day"), ("2030年3月16日", "no time of day"), ("tomorrow at 9", "can read"),
        ("", "can read"), ("2030-03-16 11", "can read"), ("2030-03-16 11:00 JST", "can read"),
        ("16 March 2030 11:00", "can read"), ("1899-12-31 10:00", "outside 1900–2199"),
        ("2030-03-16 11:00+15:00", "can read"), ("2030-3-16 11:0", "can read"),
    ]

    @Test("refused values say why", arguments: refused)
    func refuses(_ text: String, _ reason: String) {
        switch DateTimeParser().parse(text) {
        case .success(let value): Issue.record("accepted \(text) as \(value)")
        case .failure(let failure): #expect(failure.message.contains(reason), "\(failure.message)")
        }
    }

    static let split: [(String, String, L, Int?)] = [
        ("2030-03-16", "11:00", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("2030/3/16", "9:30 AM", L(year: 2030, month: 3, day: 16, hour: 9, minute: 30), nil),
        ("2030年3月16日", "午後2:30", L(year: 2030, month: 3, day: 16, hour: 14, minute: 30), nil),
        ("2030/03/16 0:00:00", "11:00:00", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("2030-03-16", "1899-12-30 11:00:00", L(year: 2030, month: 3, day: 16, hour: 11), nil),
        ("2030-03-16", "11:00+09:00", L(year: 2030, month: 3, day: 16, hour: 11), 32_400),
        ("2030-03-16", "11:00Z", L(year: 2030, month: 3, day: 16, hour: 11), 0),
    ]

    @Test("a date column and a time column", arguments: split)
    func dateAndTime(_ date: String, _ time: String, _ local: L, _ offset: Int?) throws {
        let parsed = try DateTimeParser().parse(date: date, time: time).get()
        #expect(parsed.local == local)
        #expect(parsed.offset == offset)
    }

    @Test("a bad time column is refused", arguments: ["noon", "25:00", "9"])
    func badTimeColumn(_ time: String) {
        #expect(throws: NormalizationFailure.self) { try DateTimeParser().parse(date: "2030-03-16", time: time).get() }
    }

    @Test("UTC formatting matches Foundation's ISO 8601 formatter")
    func formatting() {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var random = SeededRandom(seed: 11)
        for _ in 0..<500 {
            let seconds = Int64.random(in: -2_000_000_000...7_000_000_000, using: &random)
            let millis = Int.random(in: 0..<1_000, using: &random)
            let ours = UTCTimestamp.format(seconds: seconds, millisecond: millis)
            let back = LocalDateTime(secondsAsUTC: seconds)
            #expect(back.secondsAsUTC == seconds)
            #expect(ours.count == 24)
            if seconds >= 0 {
                #expect(ours == iso.string(from: Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1_000 + 0.000_1)))
            }
            #expect(UTCInstant(iso: ours)?.milliseconds == seconds * 1_000 + Int64(millis))
            #expect(ours.hasPrefix(LocalDateTime.pad(back.year, 4) + "-" + LocalDateTime.pad(back.month, 2)))
        }
        #expect(UTCTimestamp.format(seconds: 1_899_856_800, millisecond: 7) == "2030-03-16T02:00:00.007Z")
        #expect(UTCTimestamp.format(seconds: 0, millisecond: 0) == "1970-01-01T00:00:00.000Z")
        #expect(UTCTimestamp.format(seconds: -1, millisecond: 999) == "1969-12-31T23:59:59.999Z")
    }
}
