/// What the fault knobs decided for one `POST /v1/bookings`, drawn all at once so that a
/// seeded sandbox consumes the same random numbers for every POST whatever the outcome.
struct PostFaultPlan: Sendable {
    var delayMilliseconds: Int
    var respond503: Bool
    var respond429: Bool
    var retryAfterOn429: Bool
    var retryAfterAsHTTPDate: Bool
    var drop: Bool
}

extension SandboxState {
    /// Draws the faults for the next POST from the current knobs.
    func planPost() -> PostFaultPlan {
        let faults = faults()
        let jitter = faults.jitterMilliseconds > 0
            ? Int.random(in: -faults.jitterMilliseconds...faults.jitterMilliseconds, using: &random) : 0
        return PostFaultPlan(
            delayMilliseconds: max(0, faults.latencyMilliseconds + jitter),
            respond503: random.chance(faults.probability503),
            respond429: random.chance(faults.probability429),
            retryAfterOn429: faults.retryAfterOn429,
            retryAfterAsHTTPDate: faults.retryAfterAsHTTPDate,
            drop: random.chance(faults.probabilityDrop))
    }
}
