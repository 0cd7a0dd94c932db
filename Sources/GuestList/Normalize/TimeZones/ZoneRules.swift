import Foundation

/// The UTC offsets of one IANA zone as a sorted table of transitions, built once per zone, so that
/// turning a local time into an instant is a table look-up instead of an ICU call per row.
///
/// `Calendar.date(from:)` silently moves a local time out of a DST gap and picks one side of an
/// overlap; this type reports both cases so the row can say so (SPEC §3).
public final class ZoneRules: Sendable {
    /// How a wall-clock time maps to instants in this zone.
    public enum Resolution: Sendable, Equatable {
        /// Exactly one instant (UTC seconds) shows this wall time.
        case unique(Int64)
        /// The wall time is skipped: clocks jump from `from` to `to` (wall seconds of day) at the
        /// transition. `earlier`/`later` are the two instants the time could be read as.
        case gap(earlier: Int64, later: Int64, from: Int, to: Int)
        /// The wall time happens twice: clocks go back from `from` to `to`.
        case overlap(earlier: Int64, later: Int64, from: Int, to: Int)
    }

    public let identifier: String
    /// UTC seconds at which `offsets[i + 1]` begins.
    private let transitions: [Int64]
    /// Offsets in seconds east of UTC; one more than `transitions`.
    private let offsets: [Int]
    /// Whether `offsets[i]` is daylight saving (summer) time, as the time zone database says.
    private let daylight: [Bool]
    /// For each window of 2^25 s (about 388 days) from `rangeStart`, the number of transitions
    /// before it: a lookup starts there and passes at most a few transitions, with no search.
    private let windowStarts: [Int32]
    private static let windowShift: Int64 = 25
    private let timeZone: TimeZone

    /// The covered range; outside it (never for a valid row, whose year is 1900–2199) ICU answers.
    static let rangeStart: Int64 = -2_208_988_800   // 1900-01-01
    static let rangeEnd: Int64 = 7_258_118_400      // 2200-01-01

    /// Builds the table for `identifier`; nil when Foundation does not know the zone.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.timeZone = zone
        var transitions: [Int64] = []
        var cursor = Date(timeIntervalSince1970: Double(Self.rangeStart))
        var offsets = [zone.secondsFromGMT(for: cursor)]
        var daylight = [zone.isDaylightSavingTime(for: cursor)]
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor),
              next.timeIntervalSince1970 < Double(Self.rangeEnd), next > cursor {
            let offset = zone.secondsFromGMT(for: next)
            // A change of the daylight flag alone (rare, and only long ago) moves no clock: not a transition.
            if offset != offsets[offsets.count - 1] {
                transitions.append(Int64(next.timeIntervalSince1970.rounded()))
                offsets.append(offset)
                daylight.append(zone.isDaylightSavingTime(for: next))
            }
            cursor = next
        }
        self.transitions = transitions
        self.offsets = offsets
        self.daylight = daylight
        let windows = Int((Self.rangeEnd - Self.rangeStart) >> Self.windowShift) + 1
        var starts: [Int32] = []
        starts.reserveCapacity(windows)
        var i = 0
        for w in 0..<windows {
            let windowStart = Self.rangeStart + Int64(w) << Self.windowShift
            while i < transitions.count, transitions[i] < windowStart { i += 1 }
            starts.append(Int32(i))
        }
        self.windowStarts = starts
    }

    /// The offset east of UTC, in seconds, in force at `seconds` after the epoch.
    public func offset(atUTC seconds: Int64) -> Int {
        guard seconds >= Self.rangeStart, seconds < Self.rangeEnd else {
            return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
        }
        return offsets[index(after: seconds)]
    }

    /// True when the zone is on daylight saving (summer) time at `seconds` after the epoch.
    public func isDaylightSavingTime(atUTC seconds: Int64) -> Bool {
        guard seconds >= Self.rangeStart, seconds < Self.rangeEnd else {
            return timeZone.isDaylightSavingTime(for: Date(timeIntervalSince1970: Double(seconds)))
        }
        return daylight[index(after: seconds)]
    }

    /// The number of transitions at or before `seconds`, i.e. the index into `offsets`.
    /// `seconds` must lie in `rangeStart..<rangeEnd`.
    private func index(after seconds: Int64) -> Int {
        var i = Int(windowStarts[Int((seconds - Self.rangeStart) >> Self.windowShift)])
        while i < transitions.count, transitions[i] <= seconds { i += 1 }
        return i
    }

    /// How the wall time `local` (seconds since the epoch as if it were UTC) maps to instants.
    public func resolve(local: Int64) -> Resolution {
        // Most days have no transition within a day either side: one search answers.
        let start = local - 86_400
        if start >= Self.rangeStart, local + 86_400 < Self.rangeEnd {
            let i = index(after: start)
            if i == transitions.count || transitions[i] > local + 86_400 { return .unique(local - Int64(offsets[i])) }
        }
        let before = offset(atUTC: local - 86_400)
        let after = offset(atUTC: local + 86_400)
        if before == after, offset(atUTC: local - Int64(before)) == before { return .unique(local - Int64(before)) }
        let first = local - Int64(before)
        let second = local - Int64(after)
        let firstValid = offset(atUTC: first) == before
        let secondValid = offset(atUTC: second) == after
        let earlier = min(first, second)
        let later = max(first, second)
        switch (firstValid, secondValid) {
        case (true, false): return .unique(first)
        case (false, true): return .unique(second)
        case (true, true):
            let (from, to) = wallTimes(near: local, before: before, after: after)
            return .overlap(earlier: earlier, later: later, from: from, to: to)
        case (false, false):
            let (from, to) = wallTimes(near: local, before: before, after: after)
            return .gap(earlier: earlier, later: later, from: from, to: to)
        }
    }

    /// The wall-clock seconds of day just before and just after the transition near `local`.
    private func wallTimes(near local: Int64, before: Int, after: Int) -> (Int, Int) {
        let start = local - 2 * 86_400
        let instant: Int64
        if start >= Self.rangeStart, start < Self.rangeEnd {
            let i = index(after: start)
            instant = i < transitions.count ? transitions[i] : local - Int64(before)
        } else {
            instant = timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: Double(start)))
                .map { Int64($0.timeIntervalSince1970) } ?? local - Int64(before)
        }
        func wall(_ seconds: Int64) -> Int { Int(((seconds % 86_400) + 86_400) % 86_400) }
        return (wall(instant + Int64(before)), wall(instant + Int64(after)))
    }
}
