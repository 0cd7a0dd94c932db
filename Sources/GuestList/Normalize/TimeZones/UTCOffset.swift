/// A UTC offset written as a zone (`+09:00`, `+0900`, `+9`, `UTC+9`, `GMT-05:00`, `UTC`), and the
/// fixed-offset IANA zone it stands for.
struct UTCOffset: Sendable, Equatable {
    /// Seconds east of UTC.
    let seconds: Int

    /// Zones for offsets that have no `Etc/GMT∓N`, offered in the message that rejects them.
    static let suggestions: [Int: String] = [
        -34_200: "Pacific/Marquesas", -12_600: "America/St_Johns", 12_600: "Asia/Tehran",
        16_200: "Asia/Kabul", 19_800: "Asia/Kolkata", 20_700: "Asia/Kathmandu", 23_400: "Asia/Yangon",
        31_500: "Australia/Eucla", 34_200: "Australia/Adelaide or Australia/Darwin",
        37_800: "Australia/Lord_Howe", 45_900: "Pacific/Chatham",
    ]

    init(seconds: Int) { self.seconds = seconds }

    /// Parses the whole of `text` as an offset, or returns nil when it is not one.
    init?(_ text: String) {
        var bytes = Substring(text).utf8[...]
        for prefix in ["UTC", "GMT", "UT"] where bytes.count >= prefix.utf8.count {
            let head = bytes.prefix(prefix.utf8.count)
            if head.elementsEqual(prefix.utf8, by: { $0 & 0xDF == $1 }) {
                bytes = bytes.dropFirst(prefix.utf8.count)
                break
            }
        }
        while bytes.first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        bytes = bytes.dropFirst()
        while bytes.first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
        var digits: [Int] = []
        var colon = -1
        for byte in bytes {
            if byte >= 48, byte <= 57 { digits.append(Int(byte) - 48) }
            else if byte == UInt8(ascii: ":"), colon < 0, !digits.isEmpty { colon = digits.count }
            else { return nil }
        }
        let hours: Int
        let minutes: Int
        switch (digits.count, colon) {
        case (1, -1), (2, -1): hours = digits.reduce(0) { $0 * 10 + $1 }; minutes = 0
        case (3, -1): hours = digits[0]; minutes = digits[1] * 10 + digits[2]
        case (4, -1): hours = digits[0] * 10 + digits[1]; minutes = digits[2] * 10 + digits[3]
        case (3, 1): hours = digits[0]; minutes = digits[1] * 10 + digits[2]
        case (4, 2): hours = digits[0] * 10 + digits[1]; minutes = digits[2] * 10 + digits[3]
        default: return nil
        }
        guard minutes < 60 else { return nil }
        seconds = (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3_600 + minutes * 60)
    }

    /// `+09:00`-style text for messages.
    var text: String {
        let magnitude = abs(seconds)
        return (seconds < 0 ? "-" : "+") + LocalDateTime.pad(magnitude / 3_600, 2) + ":" + LocalDateTime.pad(magnitude % 3_600 / 60, 2)
    }

    /// `+09:00`-style text with a true minus sign (U+2212), for prose: `UTC−04:00`. What a sheet
    /// should contain is `text`, though the resolver reads either.
    var prose: String {
        seconds < 0 ? "\u{2212}" + text.dropFirst() : text
    }

    /// The fixed-offset zone, or why there is none.
    func zone(spelled original: String) -> Result<String, NormalizationFailure> {
        if seconds == 0 { return .success("Etc/UTC") }
        let hours = seconds / 3_600
        guard seconds % 3_600 == 0 else {
            let hint = Self.suggestions[seconds].map { " (for example \($0))" } ?? ""
            return .failure(NormalizationFailure(
                "Time zone \(original) is a UTC offset\(original == text ? "" : " of \(text)") with no fixed-offset IANA zone; write the place's IANA id\(hint), or map \(original) in the pipeline's normalize.timeZoneAliases."))
        }
        guard (-12...14).contains(hours) else {
            return .failure(NormalizationFailure("Time zone \(original) is not a real UTC offset: offsets run from -12:00 to +14:00."))
        }
        // POSIX inverts the sign: UTC+9 is Etc/GMT-9.
        return .success(hours > 0 ? "Etc/GMT-\(hours)" : "Etc/GMT+\(-hours)")
    }
}
