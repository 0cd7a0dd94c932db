import Foundation

/// ISO 8601 UTC timestamps for the ledger and reports, formatted without Foundation formatters.
enum Timestamp {
    static func now() -> String { format(Date()) }

    static func format(_ date: Date, milliseconds: Bool = false) -> String {
        let t = date.timeIntervalSince1970
        var seconds = Int64(t.rounded(.down))
        let millis = Int((t - Double(seconds)) * 1000)
        let days = Int64((Double(seconds) / 86400).rounded(.down))
        seconds -= days * 86400
        let (y, m, d) = civil(fromDays: days)
        let hh = seconds / 3600, mm = (seconds % 3600) / 60, ss = seconds % 60
        func p2(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = "\(y)-\(p2(Int64(m)))-\(p2(Int64(d)))T\(p2(hh)):\(p2(mm)):\(p2(ss))"
        if milliseconds { s += "." + String(String(millis + 1000).dropFirst()) }
        return s + "Z"
    }

    /// Howard Hinnant's days → civil date algorithm.
    static func civil(fromDays z0: Int64) -> (Int64, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, Int(m), Int(d))
    }
}
