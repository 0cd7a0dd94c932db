/// A run as shown by `report` and `runs`.
public struct RunInfo: Sendable, Equatable {
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

    public init(
        id: String, pipeline: String, source: String, startedAt: String, finishedAt: String?,
        counts: StatusCounts, encoding: String? = nil, sourceFault: String? = nil, sourceChanged: Bool = false
    ) {
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
