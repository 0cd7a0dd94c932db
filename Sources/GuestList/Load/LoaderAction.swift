/// What the loader's state machine asks the loop to do after an event, in this order: send the POSTs and make
/// the reads (the work of free slots, which needs nothing from the ledger), make the group commit, read a page
/// of pending rows, delete primed attempts that will never leave, end, or arm the timers; then hand back what
/// the commit and the page gave (`recorded`, `rowsLoaded`), in that order.
struct LoaderAction: Sendable {
    /// One group commit: the results that came back since the last one, and attempts to record as started.
    /// Those rows are *primed*: durable before their requests leave, which happens when a slot and a token are
    /// free — often while the next commit runs.
    struct Commit: Sendable, Equatable {
        var results: [AttemptResult]
        var starting: [Int]
    }

    /// Pending rows to page in: up to `limit` after row number `after`.
    struct Fetch: Sendable, Equatable {
        var after: Int
        var limit: Int
    }

    var posts: [OutgoingPost] = []
    var reads: [OutgoingRead] = []
    var fetch: Fetch?
    var commit: Commit?
    /// Primed attempts whose requests never left: delete them (the run is ending).
    var abandon: [Int64] = []
    /// Post a `.tick` at this instant (monotonic seconds), unless one is due sooner.
    var wake: Double?
    /// Post `.graceOver` at this instant.
    var graceOver: Double?
    /// Return with this reason once the rest is done.
    var end: LoadEnd?

    static let none = LoaderAction()
}
