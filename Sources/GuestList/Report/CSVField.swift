/// Quoting and formula guarding of single CSV cells.
enum CSVField {
    /// The cell as RFC 4180 wants it: quoted, with inner quotes doubled, when it holds a comma, a
    /// quote, a line break, or leading or trailing spaces (which some readers would otherwise trim).
    /// Every byte inside stays as it is, CR and CRLF included. Works on Unicode scalars, not
    /// characters: a quote followed by a combining accent is one `Character` but must still be doubled.
    static func quoted(_ value: String) -> String {
        let scalars = value.unicodeScalars
        let needsQuotes = scalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || scalars.first == " " || scalars.last == " "
        guard needsQuotes else { return value }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in scalars {
            if scalar == "\"" { out.append("\"") }
            out.append(scalar)
        }
        out.append("\"")
        return String(out)
    }

    /// The cell with a `'` in front when a spreadsheet would evaluate it as a formula (OWASP's advice
    /// against CSV injection): when it begins with `=`, `+`, `-`, `@`, a tab or a carriage return, or
    /// with `'`s before one of those (so the reader's strip gives back that `'`).
    ///
    /// A cell that is nothing but a number (`-5`, `+81`, `-0.5`) is left alone: a spreadsheet reads
    /// it as a number and runs nothing, and a prefix would turn a legitimate value into text. The
    /// writers apply this to text columns only; counts, HTTP statuses and row numbers never pass here.
    /// The CSV reader takes the guard off again (`SpreadsheetGuard`, which holds both directions).
    static func guarded(_ value: String) -> String {
        SpreadsheetGuard.guarded(value)
    }
}
