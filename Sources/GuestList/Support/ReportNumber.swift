/// Number and duration formatting shared by the reports, the progress line and the summary.
///
/// Hand-written rather than `NumberFormatter` so the output is the same on every machine and locale:
/// scripts and snapshot tests read it.
public enum ReportNumber {
    /// `1234567` as `1,234,567`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// `value` rounded to `places` decimals, without exponent notation (`25.0`, `0.35`).
    public static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        var text = String(whole)
        if places > 0 {
            let fraction = String(Int(scaled) - whole * Int(scale))
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return value < 0 && scaled != 0 ? "-" + text : text
    }

    /// A short human duration: `45s`, `2m31s`, `1h02m`; sub-minute values under 10 s keep one decimal.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        if seconds < 10 { return fixed(seconds, places: 1) + "s" }
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60)
        if h > 0 { return "\(h)h" + (m < 10 ? "0" : "") + "\(m)m" }
        if m > 0 { return "\(m)m" + (s < 10 ? "0" : "") + "\(s)s" }
        return "\(s)s"
    }
}
