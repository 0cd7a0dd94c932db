/// A run's attempts counted per time bucket and result, for the HTML report's chart: at most 60 buckets
/// however many attempts there were, so the chart of a million-row run is as small as a short one's.
public struct AttemptHistogram: Sendable, Equatable {
    /// When the first attempt started (seconds since the epoch).
    public var first: Double
    /// Seconds from the first attempt's start to the last one's.
    public var span: Double
    /// Each bucket's width in seconds (`HTMLCharts.bucketSize(for:)`).
    public var step: Double
    /// Attempts per bucket and category.
    var buckets: [[AttemptCategory: Int]]
    var totals: [AttemptCategory: Int] = [:]
    /// Attempts counted.
    public var attempts = 0
    /// Distinct rows those attempts were for.
    public var rows: Int

    /// An empty histogram for attempts between `first` and `first + span`.
    public init(first: Double, span: Double, rows: Int) {
        self.first = first
        self.span = span
        self.rows = rows
        step = HTMLCharts.bucketSize(for: span)
        buckets = Array(repeating: [:], count: max(1, Int((span / step).rounded(.down)) + 1))
    }

    /// Counts one attempt.
    public mutating func add(startedAt: Double, httpStatus: Int?) {
        let category = AttemptCategory(httpStatus: httpStatus)
        let index = min(buckets.count - 1, max(0, Int(((startedAt - first) / step).rounded(.down))))
        buckets[index][category, default: 0] += 1
        totals[category, default: 0] += 1
        attempts += 1
    }
}
