/// Finds the header a user probably meant when a pipeline names a column the file lacks.
public enum ColumnSuggestion {
    /// The candidate nearest to `name`, comparing without case and without spaces, `-` or `_`,
    /// or nil when nothing is close enough to be a plausible typo.
    ///
    /// "Close enough" is an edit distance of at most a third of the longer name (at least 1), so
    /// `Email` suggests `E-mail` but `Phone` does not suggest `Name`.
    public static func nearest(to name: String, among candidates: [String]) -> String? {
        let wanted = folded(name)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let other = folded(candidate)
            if other.isEmpty && wanted.isEmpty { continue }
            let distance = editDistance(wanted, other)
            let allowed = max(1, max(wanted.count, other.count) / 3)
            guard distance <= allowed else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// Lower-cased Unicode scalars with spaces and common separators removed.
    static func folded(_ text: String) -> [Unicode.Scalar] {
        Array(text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "-" && $0 != "_" })
    }

    /// Levenshtein distance over Unicode scalars, in O(n·m) time and O(m) memory.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
