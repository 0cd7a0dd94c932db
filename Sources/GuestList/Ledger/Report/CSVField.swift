/// Quoting and formula guarding of single CSV cells.
enum CSVField {
    /// The cell as RFC 4180 wants it: quoted, with inner quotes doubled, when it holds a comma, a
    /// quote, a line break, or leading or trailing spaces (which some readers would otherwise trim).
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.first == " " || value.last == " "
        guard needsQuotes else { return value }
        return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }

    /// The cell with a `'` in front when a spreadsheet would evaluate it as a formula (OWASP's advice
    /// against CSV injection): when it begins with `=`, `+`, `-`, `@`, a tab or a carriage return.
    ///
    /// A cell that is nothing but a number (`-5`, `+81`, `-0.5`) is left alone: a spreadsheet reads
    /// it as a number and runs nothing, and a prefix would turn a legitimate value into text. The
    /// writers apply this to text columns only; counts, HTTP statuses and row numbers never pass here.
    static func guarded(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return isPlainNumber(value) ? value : "'" + value
    }

    /// True for an optional sign, digits, and at most one `.` followed by digits.
    static func isPlainNumber(_ value: String) -> Bool {
        var scalars = Substring(value).unicodeScalars[...]
        if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
        let parts = scalars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }
    }
}

extension String {
    /// Replaces every occurrence of `target`; a Foundation-free helper for the escapers.
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
