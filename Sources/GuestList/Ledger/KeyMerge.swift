/// Finds duplicate booking keys within one run, and keys another run already booked, in bounded memory
/// (SPEC §4, issue 11): a sorted pass over the run's key digests, merged with a sorted pass over the
/// digests of the keys other runs created. Only rows whose digests meet are looked at more closely, and
/// their keys are compared as text, so a digest collision can never make two different guests one.
///
/// Equal keys have equal digests, so they sit next to each other in the sorted pass: within a group of
/// equal digests the first row holding a key is the one sent; later rows with the same key are
/// duplicates of it. Groups hold one row almost always; the distinct keys of a group (several only on a
/// digest collision) are all that is kept.
struct KeyMerge {
    /// One row of the run: its digest and row number, in digest order, then row order.
    struct Entry {
        var digest: Int64
        var row: Int
    }

    /// A key another run created: its digest, its text and the booking uid.
    struct Booked {
        var digest: Int64
        var key: String
        var uid: String?
    }

    /// What the merge decides about a row.
    enum Verdict {
        /// Same key as an earlier row of this run.
        case duplicate(row: Int, of: Int, line: Int)
        /// The key was created by another run.
        case skipped(row: Int, uid: String?)
    }

    /// Runs the merge.
    /// - Parameters:
    ///   - entries: the run's rows in (digest, row) order.
    ///   - booked: keys other runs created, in digest order.
    ///   - keyOf: the key text and line of one of the run's rows (read only when digests meet).
    ///   - verdict: called for each row that is not sent.
    static func run(
        entries: () throws(GuestListError) -> Entry?, booked: () throws(GuestListError) -> Booked?,
        keyOf: (Int) throws(GuestListError) -> (key: String, line: Int),
        verdict: (Verdict) throws(GuestListError) -> Void
    ) throws(GuestListError) {
        var other = try booked()
        var digest: Int64?
        // The group's first row, whose key is read only if a second row or a booked key shares its digest.
        var first: (row: Int, key: String?, line: Int)?
        var distinct: [(row: Int, key: String, line: Int)] = []
        var bookedHere: [(key: String, uid: String?)] = []

        func resolveFirst() throws(GuestListError) {
            guard let f = first, f.key == nil else { return }
            let (key, line) = try keyOf(f.row)
            first = (f.row, key, line)
            distinct = [(f.row, key, line)]
        }

        while let entry = try entries() {
            if entry.digest != digest {
                digest = entry.digest
                bookedHere.removeAll(keepingCapacity: true)
                while let o = other, o.digest < entry.digest { other = try booked() }
                while let o = other, o.digest == entry.digest {
                    bookedHere.append((o.key, o.uid))
                    other = try booked()
                }
                first = (entry.row, nil, 0)
                distinct.removeAll(keepingCapacity: true)
                if !bookedHere.isEmpty {
                    try resolveFirst()
                    if let key = first?.key, let hit = bookedHere.first(where: { $0.key == key }) {
                        try verdict(.skipped(row: entry.row, uid: hit.uid))
                    }
                }
                continue
            }
            try resolveFirst()
            let (key, line) = try keyOf(entry.row)
            if let earlier = distinct.first(where: { $0.key == key }) {
                try verdict(.duplicate(row: entry.row, of: earlier.row, line: earlier.line))
            } else {
                distinct.append((entry.row, key, line))
                if let hit = bookedHere.first(where: { $0.key == key }) { try verdict(.skipped(row: entry.row, uid: hit.uid)) }
            }
        }
    }

    /// The message a duplicate row carries.
    static func duplicateMessage(of row: Int, line: Int) -> String {
        "Same guest, event type and start as row \(row) (line \(line)); only that row is sent."
    }
}
