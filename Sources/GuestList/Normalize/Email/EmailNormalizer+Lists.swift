/// `ccEmails` lists: one cell, several addresses.
extension EmailNormalizer {
    /// The result of normalizing a list of addresses.
    public struct ListResult: Sendable, Equatable {
        /// Normalized addresses, in order, without repeats or the guest's own address.
        public var emails: [String]
        /// Items that could not be normalized: the item's text and why.
        public var failures: [(item: String, failure: NormalizationFailure)]

        public static func == (lhs: ListResult, rhs: ListResult) -> Bool {
            lhs.emails == rhs.emails && lhs.failures.map(\.item) == rhs.failures.map(\.item)
                && lhs.failures.map(\.failure) == rhs.failures.map(\.failure)
        }
    }

    /// Splits a cell on `,` `;` white space and line breaks (a display name with its `<address>`
    /// stays one item), normalizes each, and drops `own` and repeats (compared case-insensitively).
    public func normalizeList(_ raw: String, excluding own: String? = nil) -> ListResult {
        var seen = Set<String>()
        if let own { seen.insert(own.lowercased()) }
        var result = ListResult(emails: [], failures: [])
        for item in Self.split(raw) {
            switch normalize(item) {
            case .success(let email):
                if seen.insert(email.lowercased()).inserted { result.emails.append(email) }
            case .failure(let failure):
                result.failures.append((item, failure))
            }
        }
        return result
    }

    /// Items of a list cell. Separators inside quotes or angle brackets do not split.
    static func split(_ raw: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var quoted = false
        var angled = false
        for character in raw {
            switch character {
            case "\"": quoted.toggle()
            case "<": angled = true
            case ">": angled = false
            default: break
            }
            if !quoted, !angled, Self.listSeparators.contains(character) {
                segments.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        segments.append(current)
        var items: [String] = []
        for segment in segments {
            let trimmed = TextNormalizer.fullyTrimmed(segment)
            if trimmed.isEmpty { continue }
            // A segment with a display name is one address; otherwise white space separates addresses.
            if trimmed.contains("<") || trimmed.contains("\"") {
                items.append(trimmed)
            } else {
                items += trimmed.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            }
        }
        return items
    }

    /// What separates items of a list cell, besides white space: ASCII and full-width commas and semicolons.
    static let listSeparators: Set<Character> = [",", ";", "\n", "\r", "\r\n", "，", "；", "、"]
}
