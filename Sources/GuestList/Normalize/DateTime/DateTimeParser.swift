import Foundation

/// Reads the date-times organisers' spreadsheets contain, without Foundation formatters (they are
/// too slow for millions of rows).
///
/// Accepted: ISO 8601 with or without offset (`2030-03-16T11:00:00.000+09:00`, `…Z`); `2030-03-16 11:00`,
/// `2030/3/6 9:00`, `2030.3.6 9:00`; seconds and fractions optional; 12-hour clocks (`9:00 AM`,
/// `9 pm`, `午前9:00`, `午後2:30`); Japanese dates (`2030年3月16日(土) 11時30分`); full-width digits.
/// A date whose year comes last (`3/6/2030`) is read only when the pipeline declares `dateOrder`:
/// it could be 6 March or 3 June, and guessing books the wrong day.
public struct DateTimeParser: Sendable {
    public var dateOrder: NormalizeOptions.DateOrder

    public init(dateOrder: NormalizeOptions.DateOrder = .ymd) {
        self.dateOrder = dateOrder
    }

    /// Parses one cell holding a date and a time.
    public func parse(_ text: String) -> Result<ParsedDateTime, NormalizationFailure> {
        if let plain = parsePlain(text) { return .success(plain) }
        let result = parseAny(text)
        if case .success(let value) = result, !value.hasTime {
            return .failure(NormalizationFailure(
                "Start \(Self.show(text)) has a date but no time of day; add the time, e.g. \(Self.show(text)) 11:00."))
        }
        return result
    }

    /// `parse(text)` when `text` has the form most exports write (see `plainDateTime`); nil otherwise.
    @inline(__always)
    public func parsePlain(_ text: String) -> ParsedDateTime? {
        text.utf8.withContiguousStorageIfAvailable(Self.plainDateTime) ?? nil
    }

    /// The form most exports write, `2030-03-16 11:00`, `2030/03/16 11:00:00` or `2030-03-16T11:00`,
    /// read at fixed positions; nil for anything else (including an impossible date or time), which
    /// the general scanner then reads or explains. Both readings agree wherever this one answers.
    static func plainDateTime(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedDateTime? {
        guard bytes.count == 16 || bytes.count == 19 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = bytes[i] &- 0x30
            return d < 10 ? Int(d) : nil
        }
        @inline(__always) func pair(_ i: Int) -> Int? {
            guard let high = digit(i), let low = digit(i + 1) else { return nil }
            return high * 10 + low
        }
        let separator = bytes[4]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/"), bytes[7] == separator,
              bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              let century = pair(0), let yy = pair(2), let month = pair(5), let day = pair(8),
              let hour = pair(11), let minute = pair(14) else { return nil }
        var second = 0
        if bytes.count == 19 {
            guard bytes[16] == UInt8(ascii: ":"), let s = pair(17) else { return nil }
            second = s
        }
        let year = century * 100 + yy
        guard year >= 1900, year <= 2199, month >= 1, month <= 12, day >= 1,
              day <= LocalDateTime.daysInMonth(year: year, month: month),
              hour < 24, minute < 60, second < 60 else { return nil }
        return ParsedDateTime(local: LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }

    /// Parses a date column and a time column. Spreadsheet exports often put `0:00:00` after the date
    /// and an `1899-12-30` date before the time (Excel's day zero); both are ignored.
    public func parse(date: String, time: String) -> Result<ParsedDateTime, NormalizationFailure> {
        let dateResult = parseAny(date)
        guard case .success(var day) = dateResult else { return dateResult }
        if day.hasTime, day.local.hour + day.local.minute + day.local.second + day.local.millisecond != 0 {
            return .failure(NormalizationFailure(
                "Start date \(Self.show(date)) already holds a time while the time column says \(Self.show(time)); keep the time in one place."))
        }
        let timeResult = parseTime(time)
        guard case .success(let clock) = timeResult else {
            return .failure(NormalizationFailure(
                "Start time \(Self.show(time)) is not a time guestlist can read; write it like 11:00, 9:30 AM or 午後2:30."))
        }
        day.local.hour = clock.local.hour
        day.local.minute = clock.local.minute
        day.local.second = clock.local.second
        day.local.millisecond = clock.local.millisecond
        day.offset = clock.offset
        day.hasTime = true
        return .success(day)
    }

    /// A time column: `11:00`, `9:30 AM`, `11:00+09:00`, or a date-time on Excel's day zero.
    func parseTime(_ text: String) -> Result<ParsedDateTime, NormalizationFailure> {
        let prepared = Self.prepare(text)
        var copy = prepared
        let direct: ParsedDateTime? = copy.withUTF8 { bytes in
            var scanner = DateTimeScanner(bytes)
            scanner.skipSpaces()
            guard let (clock, offset) = try? scanner.timeAndOffset(), scanner.atEnd else { return nil }
            return ParsedDateTime(local: LocalDateTime(year: 2000, month: 1, day: 1, hour: clock.0, minute: clock.1,
                                                       second: clock.2, millisecond: clock.3), offset: offset)
        }
        if let direct { return .success(direct) }
        // Excel writes a bare time as a date-time on its day zero, 1899-12-30.
        let trimmed = TextNormalizer.fullyTrimmed(prepared)
        if trimmed.hasPrefix("1899"), let space = trimmed.firstIndex(of: " ") {
            let clock = parseTime(String(trimmed[space...]))
            if case .success = clock { return clock }
        }
        return .failure(NormalizationFailure("Start time \(Self.show(text)) is not a time guestlist can read."))
    }

    private func parseAny(_ text: String) -> Result<ParsedDateTime, NormalizationFailure> {
        var prepared = Self.prepare(text)
        let order = dateOrder
        let outcome: Result<ParsedDateTime, DateTimeScanner.Failure> = prepared.withUTF8 { bytes in
            var scanner = DateTimeScanner(bytes)
            do throws(DateTimeScanner.Failure) { return .success(try scanner.dateTime(order: order)) } catch { return .failure(error) }
        }
        switch outcome {
        case .success(let value): return .success(value)
        case .failure(let failure): return .failure(NormalizationFailure(failure.message(for: Self.show(text))))
        }
    }

    /// Rewrites the non-ASCII spellings (full-width digits and punctuation, Japanese and Chinese
    /// markers, a bracketed weekday) into the ASCII grammar the scanner reads, in one pass over the
    /// scalars. ASCII text is returned untouched, without allocating.
    static func prepare(_ text: String) -> String {
        if TextNormalizer.isASCII(text) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            let next = i + 1 < scalars.count ? scalars[i + 1].value : 0
            switch scalar.value {
            case 0xFF08, 0x28:   // a weekday in brackets, `(土)`, says nothing the date does not
                if let close = scalars[(i + 1)...].prefix(4).firstIndex(where: { $0.value == 0xFF09 || $0.value == 0x29 }) {
                    out.append(" ")
                    i = close + 1
                    continue
                }
                out.append("(")
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: out.append(" ")
            case 0x2212: out.append("-")
            case 0x5E74, 0x6708: out.append("-")                      // 年 月
            case 0x65E5, 0x79D2: out.append(" ")                      // 日 秒
            case 0x6642, 0x5206: out.append(":")                      // 時 分
            case 0x5348 where next == 0x524D, 0x4E0A where next == 0x5348:   // 午前 上午
                out.append(contentsOf: " am ".unicodeScalars)
                i += 1
            case 0x5348 where next == 0x5F8C, 0x4E0B where next == 0x5348:   // 午後 下午
                out.append(contentsOf: " pm ".unicodeScalars)
                i += 1
            default: out.append(scalar)
            }
            i += 1
        }
        return String(out)
    }

    /// Quotes a value for a message, without its surrounding whitespace.
    static func show(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
