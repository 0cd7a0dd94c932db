/// The byte-level grammar behind `DateTimeParser`, over ASCII text:
///
///     date-time = date [ ("T" / " "+ / ",") time [ " "* offset ] ]
///     date      = yyyy sep m sep d / a sep b sep yyyy (needs dateOrder) / yyyymmdd     sep = "-" / "/" / "."
///     time      = [ampm " "*] h [":" mm [":" ss [("." / ",") fraction]]] [" "* ampm]
///     offset    = "Z" / ["UTC" / "GMT"] ("+" / "-") hh [[":"] mm]
struct DateTimeScanner {
    /// Why the text was not read; turned into a sentence by `message(for:)`.
    enum Failure: Error {
        case unreadable
        case needsDateOrder
        case shortYear
        case yearOutOfRange(Int)
        case noSuchMonth(Int)
        case noSuchDay(year: Int, month: Int, day: Int)
        case noSuchTime(String)

        func message(for text: String) -> String {
            switch self {
            case .unreadable:
                return "Start \(text) is not a date and time guestlist can read; write it like 2030-03-16 11:00, 2030/3/16 9:00 AM or 2030-03-16T11:00:00+09:00."
            case .needsDateOrder:
                return "Start \(text) has its year last, so its day and month could be either way round; set normalize.dateOrder to mdy or dmy in the pipeline, or write the year first."
            case .shortYear:
                return "Start \(text) has a two-digit year; write the year with four digits."
            case .yearOutOfRange(let year):
                return "Start \(text) is in the year \(year), which is outside 1900–2199."
            case .noSuchMonth(let month):
                return "Start \(text) has month \(month); months run from 1 to 12."
            case .noSuchDay(let year, let month, let day):
                return "Start \(text) is not a real date: \(Self.monthNames[month - 1]) \(year) has \(LocalDateTime.daysInMonth(year: year, month: month)) days, not \(day)."
            case .noSuchTime(let reason):
                return "Start \(text) is not a real time of day: \(reason)."
            }
        }

        static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpaces() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { index += 1 }
    }

    private mutating func number(maxDigits: Int = 9) -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while let c = peek, c >= 0x30, c <= 0x39, digits < maxDigits {
            value = value * 10 + Int(c - 0x30)
            digits += 1
            index += 1
        }
        return digits == 0 ? nil : (value, digits)
    }

    /// The whole text as a date, optionally followed by a time and an offset.
    mutating func dateTime(order: NormalizeOptions.DateOrder) throws(Failure) -> ParsedDateTime {
        skipSpaces()
        var local = try date(order: order)
        let beforeSeparator = index
        if let c = peek, c == UInt8(ascii: "T") || c == UInt8(ascii: "t") { index += 1 } else {
            if peek == UInt8(ascii: ",") { index += 1 }
            skipSpaces()
        }
        if atEnd {
            guard index > beforeSeparator || index == bytes.count else { throw .unreadable }
            return ParsedDateTime(local: local, offset: nil, hasTime: false)
        }
        guard index > beforeSeparator else { throw .unreadable }
        let (clock, offset) = try timeAndOffset()
        skipSpaces()
        guard atEnd else { throw .unreadable }
        local.hour = clock.0
        local.minute = clock.1
        local.second = clock.2
        local.millisecond = clock.3
        return ParsedDateTime(local: local, offset: offset, hasTime: true)
    }

    private mutating func date(order: NormalizeOptions.DateOrder) throws(Failure) -> LocalDateTime {
        guard let first = number() else { throw .unreadable }
        if first.digits == 8, peek.map({ $0 < 0x30 || $0 > 0x39 }) ?? true {
            return try checked(year: first.value / 10_000, month: first.value / 100 % 100, day: first.value % 100)
        }
        guard let sep = peek, sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else {
            throw .unreadable
        }
        index += 1
        guard let second = number(), second.digits <= 2 else { throw .unreadable }
        guard let sep2 = peek, sep2 == sep else { throw .unreadable }
        index += 1
        guard let third = number() else { throw .unreadable }
        // A trailing separator is what `2030年3月16日` leaves behind (`2030-3-16 `), and harmless.
        if first.digits == 4 {
            guard third.digits <= 2 else { throw .unreadable }
            return try checked(year: first.value, month: second.value, day: third.value)
        }
        guard first.digits <= 2 else { throw .unreadable }
        guard third.digits == 4 else { throw third.digits <= 2 ? .shortYear : .unreadable }
        switch order {
        case .ymd: throw .needsDateOrder
        case .mdy: return try checked(year: third.value, month: first.value, day: second.value)
        case .dmy: return try checked(year: third.value, month: second.value, day: first.value)
        }
    }

    private func checked(year: Int, month: Int, day: Int) throws(Failure) -> LocalDateTime {
        guard (1900...2199).contains(year) else { throw .yearOutOfRange(year) }
        guard (1...12).contains(month) else { throw .noSuchMonth(month) }
        guard day >= 1, day <= LocalDateTime.daysInMonth(year: year, month: month) else {
            throw .noSuchDay(year: year, month: month, day: day)
        }
        return LocalDateTime(year: year, month: month, day: day)
    }

    /// `am`, `pm`, `a.m.`, `p.m.` in any case: true for pm, false for am, nil when absent.
    private mutating func meridiem() -> Bool? {
        let start = index
        guard let c = peek.map({ $0 | 0x20 }), c == UInt8(ascii: "a") || c == UInt8(ascii: "p") else { return nil }
        index += 1
        if peek == UInt8(ascii: ".") { index += 1 }
        guard peek.map({ $0 | 0x20 }) == UInt8(ascii: "m") else { index = start; return nil }
        index += 1
        if peek == UInt8(ascii: ".") { index += 1 }
        if let next = peek, (next | 0x20) >= UInt8(ascii: "a"), (next | 0x20) <= UInt8(ascii: "z") { index = start; return nil }
        return c == UInt8(ascii: "p")
    }

    /// A time of day and an optional offset; the clock is (hour, minute, second, millisecond).
    mutating func timeAndOffset() throws(Failure) -> ((Int, Int, Int, Int), Int?) {
        var pm = meridiem()
        skipSpaces()
        guard let hour = number(maxDigits: 2) else { throw .unreadable }
        var minute = 0
        var second = 0
        var millisecond = 0
        var hasMinutes = false
        if peek == UInt8(ascii: ":") {
            index += 1
            if let m = number(maxDigits: 2) {
                guard m.digits == 2 else { throw .unreadable }
                minute = m.value
                hasMinutes = true
                if peek == UInt8(ascii: ":") {
                    index += 1
                    if let s = number(maxDigits: 2) {
                        guard s.digits == 2 else { throw .unreadable }
                        second = s.value
                        if let c = peek, c == UInt8(ascii: "."), index + 1 < bytes.count,
                           bytes[index + 1] >= 0x30, bytes[index + 1] <= 0x39 {
                            index += 1
                            var scale = 100
                            while let d = peek, d >= 0x30, d <= 0x39 {
                                millisecond += Int(d - 0x30) * scale
                                scale /= 10
                                index += 1
                            }
                        }
                    }
                }
            } else {
                hasMinutes = true   // `11時` became `11:`
            }
        }
        if pm == nil {
            let beforeSuffix = index
            skipSpaces()
            pm = meridiem()
            if pm == nil { index = beforeSuffix }
        }
        guard hasMinutes || pm != nil else { throw .unreadable }
        var hour24 = hour.value
        if let pm {
            guard (1...12).contains(hour.value) else {
                throw .noSuchTime("a 12-hour clock runs from 1 to 12, not \(hour.value)")
            }
            hour24 = hour.value % 12 + (pm ? 12 : 0)
        }
        guard hour24 < 24 else { throw .noSuchTime("hours run from 0 to 23, not \(hour24)") }
        guard minute < 60 else { throw .noSuchTime("minutes run from 0 to 59, not \(minute)") }
        guard second < 60 else { throw .noSuchTime("seconds run from 0 to 59, not \(second)") }
        skipSpaces()
        let offset = try self.offset()
        return ((hour24, minute, second, millisecond), offset)
    }

    private mutating func offset() throws(Failure) -> Int? {
        guard let c = peek else { return nil }
        if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") { index += 1; return 0 }
        var sawName = false
        for name in ["UTC", "GMT"] where bytes.count - index >= 3 {
            if zip(name.utf8, bytes[index..<index + 3]).allSatisfy({ $0 == ($1 & 0xDF) }) {
                index += 3
                sawName = true
                break
            }
        }
        guard let sign = peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
            if sawName { return 0 }
            return nil
        }
        index += 1
        guard let hours = number(maxDigits: 4) else { throw .unreadable }
        var seconds: Int
        switch hours.digits {
        case 1, 2:
            seconds = hours.value * 3_600
            if peek == UInt8(ascii: ":") {
                index += 1
                guard let m = number(maxDigits: 2), m.digits == 2 else { throw .unreadable }
                seconds += m.value * 60
            }
        case 4: seconds = hours.value / 100 * 3_600 + hours.value % 100 * 60
        default: throw .unreadable
        }
        guard seconds <= 14 * 3_600 else { throw .unreadable }
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }
}
