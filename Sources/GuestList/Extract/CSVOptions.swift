/// How to read a CSV file: the pipeline's `source.delimiter` and `source.encoding`.
public struct CSVOptions: Sendable, Equatable {
    /// The field separator. `.auto` sniffs it from the first lines, because European Excel
    /// writes `;` and Excel's "Unicode text" export writes tabs.
    public enum Delimiter: Sendable, Equatable {
        case comma, semicolon, tab, auto

        /// The separator byte, or nil for `.auto`.
        var byte: UInt8? {
            switch self {
            case .comma: UInt8(ascii: ",")
            case .semicolon: UInt8(ascii: ";")
            case .tab: UInt8(ascii: "\t")
            case .auto: nil
            }
        }
    }

    /// The text encoding. `.auto` honours a byte-order mark and otherwise tries UTF-8, then CP932
    /// (Japanese Excel's default for "CSV").
    public enum Encoding: String, Sendable, Equatable {
        case auto
        case utf8 = "utf-8"
        case utf16 = "utf-16"
        case shiftJIS = "shift_jis"
    }

    public var delimiter: Delimiter
    public var encoding: Encoding

    public init(delimiter: Delimiter = .comma, encoding: Encoding = .auto) {
        self.delimiter = delimiter
        self.encoding = encoding
    }
}
