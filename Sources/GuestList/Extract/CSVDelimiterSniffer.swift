/// Guesses the delimiter of a CSV from its first lines, for `delimiter: auto`.
enum CSVDelimiterSniffer {
    /// Counts `,` `;` and tab outside quotes on each of the first lines and picks the one that
    /// appears on the header line and most consistently after it (ties go to `,`, then `;`).
    static func sniff(_ head: UnsafeRawBufferPointer) -> CSVOptions.Delimiter {
        let candidates: [(CSVOptions.Delimiter, UInt8)] = [(.comma, 44), (.semicolon, 59), (.tab, 9)]
        var lines: [[Int]] = []
        var counts = [0, 0, 0]
        var inQuotes = false
        var lineHasText = false
        for b in head {
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if b == 10 || b == 13 {
                if lineHasText { lines.append(counts) }
                counts = [0, 0, 0]
                lineHasText = false
                if lines.count >= 20 { break }
                continue
            }
            lineHasText = true
            for (k, c) in candidates.enumerated() where c.1 == b { counts[k] += 1 }
        }
        if lineHasText && lines.count < 20 { lines.append(counts) }
        // The last line may be cut off by the window; judge it only when it is the only one.
        if lines.count > 1 && head.count >= 64 * 1024 { lines.removeLast() }
        guard let header = lines.first else { return .comma }
        var best: (delimiter: CSVOptions.Delimiter, score: Int)?
        for (k, c) in candidates.enumerated() where header[k] > 0 {
            let consistent = lines.dropFirst().filter { $0[k] == header[k] }.count
            let score = consistent * 1000 + header[k]
            if best == nil || score > best!.score { best = (c.0, score) }
        }
        return best?.delimiter ?? .comma
    }
}
