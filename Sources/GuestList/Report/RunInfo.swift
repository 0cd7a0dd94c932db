/// A run as shown by `report` and `runs`.
public struct RunInfo: Sendable, Equatable {
    public static func == (a: RunInfo, b: RunInfo) -> Bool {
        a.id == b.id && a.pipeline == b.pipeline && a.source == b.source && a.startedAt == b.startedAt
            && a.finishedAt == b.finishedAt && a.counts == b.counts && a.encoding == b.encoding && a.sourceFault == b.sourceFault
            && a.sourceChanged == b.sourceChanged && a.conflictReasons == b.conflictReasons
            && a.settledRate?.rate == b.settledRate?.rate && a.settledRate?.automatic == b.settledRate?.automatic
    }

    public var id: String
    public var pipeline: String
    /// The source file's path as given in the pipeline, resolved.
    public var source: String
    /// ISO 8601 UTC.
    public var startedAt: String
    /// ISO 8601 UTC; nil while the run is unfinished.
    public var finishedAt: String?
    public var counts: StatusCounts
    /// The text encoding the source was read with.
    public var encoding: String?
    /// The fault that stopped reading the source early (malformed XML, say), if any.
    public var sourceFault: String?
    /// True when the source's content changed between the start of this run and a resume of it.
    public var sourceChanged: Bool
    /// Why the `conflict` rows conflicted.
    public var conflictReasons: ConflictCounts
    /// The rate (requests per second) the last load of this run settled at, and whether it was found
    /// automatically (`rate: auto`); nil before anything was sent.
    public var settledRate: (rate: Double, automatic: Bool)?

    public init(
        id: String, pipeline: String, source: String, startedAt: String, finishedAt: String?,
        counts: StatusCounts, encoding: String? = nil, sourceFault: String? = nil, sourceChanged: Bool = false,
        conflictReasons: ConflictCounts = ConflictCounts(), settledRate: (rate: Double, automatic: Bool)? = nil
    ) {
        self.conflictReasons = conflictReasons
        self.settledRate = settledRate
        self.id = id
        self.pipeline = pipeline
        self.source = source
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.counts = counts
        self.encoding = encoding
        self.sourceFault = sourceFault
        self.sourceChanged = sourceChanged
    }
}
