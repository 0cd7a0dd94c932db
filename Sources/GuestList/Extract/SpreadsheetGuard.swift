/// The `'` that guards a spreadsheet cell against formula injection, put on by guestlist's CSV
/// reports (and by other tools that follow OWASP's advice) and taken off by the CSV reader, so
/// that a file exported with `report --original`, edited and read back gives the values it was
/// made from (SPEC §3, "Spreadsheet guards"). Both directions live here, so they stay inverses:
/// `unguarded(guarded(x)) == x` for every string x.
///
/// The triggers are OWASP's: `=`, `+`, `-`, `@`, a tab and a carriage return. SPEC §3 names the
/// first four; a tab or CR is guarded too because some spreadsheets skip leading white space
/// before deciding that a cell is a formula (`\t=cmd`), and so the reader must take the `'` off
/// before them as well, or `\t=1` would come back as `'\t=1`. Other tools that follow OWASP
/// write the same guard, so their files read right too. A cell whose text really begins with
/// `'` and a trigger (`'=x`) is written with a second `'` (`''=x`), and the reader takes one off:
/// the rule is "one or more `'`, then a trigger: drop the first `'`".
///
/// Only CSV cells are read this way. XML values are taken as written: no spreadsheet evaluates
/// an XML file's text, so no tool guards it, and guestlist never writes XML.
enum SpreadsheetGuard {
    static let mark = UInt8(ascii: "'")

    /// True for a byte that makes a spreadsheet treat the cell as a formula when it comes first.
    @inline(__always)
    static func isTrigger(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// The cell with a `'` in front when a spreadsheet would evaluate it as a formula, or when it
    /// already looks guarded (so that reading it back cannot take off a `'` of its own).
    ///
    /// A cell that is nothing but a number (`-5`, `+81`, `-0.5`) is left alone: a spreadsheet reads
    /// it as a number and runs nothing, and a prefix would turn a legitimate value into text.
    static func guarded(_ value: String) -> String {
        guard let first = value.utf8.first else { return value }
        if isTrigger(first) { return isPlainNumber(value) ? value : "'" + value }
        if first == mark, let next = value.utf8.drop(while: { $0 == mark }).first, isTrigger(next) { return "'" + value }
        return value
    }

    /// False when `guarded(value)` is surely `value`: its first byte is neither a trigger nor a `'`.
    @inline(__always)
    static func mightNeedGuard(_ value: String) -> Bool {
        guard let first = value.utf8.first else { return false }
        return isTrigger(first) || first == mark
    }

    /// The cell as read: without its first `'` when one or more `'` are followed by a trigger.
    static func unguarded(_ cell: String) -> String {
        var cell = cell
        return cell.withUTF8 { guardLength($0) } == 0 ? cell : String(cell.unicodeScalars.dropFirst())
    }

    /// How many leading bytes of a cell's UTF-8 are a guard to drop: 1 or 0. Costs one comparison
    /// for a cell that does not begin with `'`, since the reader asks for every field.
    @inline(__always)
    static func guardLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = bytes.first, first == mark else { return 0 }
        var i = 1
        while i < bytes.count && bytes[i] == mark { i += 1 }
        return i < bytes.count && isTrigger(bytes[i]) ? 1 : 0
    }

    /// True for an optional sign, digits, and at most one `.` followed by digits.
    static func isPlainNumber(_ value: String) -> Bool {
        // Over bytes: every character of a plain number is ASCII.
        var bytes = value.utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var digits = 0, dots = 0, sinceDot = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard dots == 0, digits > 0 else { return false }
                dots += 1
                sinceDot = 0
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                sinceDot += 1
            } else {
                return false
            }
        }
        return digits > 0 && (dots == 0 || sinceDot > 0)
    }
}
