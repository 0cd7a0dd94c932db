/// Latencies as seconds in a Double, the unit the loader and the ledger use.
extension ContinuousClock.Instant {
    func secondsSince() -> Double {
        let d = ContinuousClock.now - self
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
