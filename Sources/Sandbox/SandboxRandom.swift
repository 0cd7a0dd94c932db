/// SplitMix64: a tiny seedable generator, so that a test with `SandboxFaults.seed` sees the
/// same faults and booking uids on every run (the system generator cannot be seeded).
struct SandboxRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64?) {
        var system = SystemRandomNumberGenerator()
        self.state = seed ?? system.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p` (0 never, 1 always).
    mutating func chance(_ p: Double) -> Bool {
        p > 0 && Double.random(in: 0..<1, using: &self) < p
    }

    private static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// A random uid of `length` letters and digits, like Jicoo's.
    mutating func uid(length: Int = 12) -> String {
        String((0..<length).map { _ in Self.alphanumerics.randomElement(using: &self)! })
    }
}
