/// What the read knobs decided for one `GET /v1/…`: how long to stall, and whether to answer 503.
struct ReadFaultPlan: Sendable {
    var delayMilliseconds: Int
    var respond503: Bool

    static let none = ReadFaultPlan(delayMilliseconds: 0, respond503: false)
}

extension SandboxState {
    /// Draws the faults for a GET of `path`. With no read fault set it draws no random number,
    /// so a seeded sandbox's POST faults and uids come out the same whatever the reads.
    func planRead(path: String) -> ReadFaultPlan {
        let faults = faults()
        guard faults.probabilityRead503 > 0 || faults.readLatencyMilliseconds > 0 else { return .none }
        if let suffix = faults.readFaultPathSuffix, !path.hasSuffix(suffix) { return .none }
        return ReadFaultPlan(
            delayMilliseconds: faults.readLatencyMilliseconds, respond503: random.chance(faults.probabilityRead503))
    }
}
