/// RFC 3492 Punycode, the encoding IDNA uses for Unicode domain labels (`bücher` → `bcher-kva`).
///
/// Written out rather than borrowed from `URLComponents` so the email path needs no URL parsing and
/// its behaviour is the same on every platform.
public enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128

    /// The Punycode form of `label` (without the `xn--` prefix); nil on arithmetic overflow.
    public static func encode(_ label: String) -> String? {
        encode(scalars: label.unicodeScalars.map { Int($0.value) }).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The Punycode form of a label given as scalar values, as ASCII bytes.
    static func encode(scalars: [Int]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(scalars.count * 2)
        for c in scalars where c < 0x80 { output.append(UInt8(c)) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < scalars.count {
            var m = Int.max
            for c in scalars where c >= n && c < m { m = c }
            guard m != Int.max else { return nil }
            let (step, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= Int(Int32.max) - step else { return nil }
            delta += step
            n = m
            for c in scalars {
                if c < n { delta += 1 }
                if c == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta: delta, points: handled + 1, first: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return output
    }

    private static func digit(_ d: Int) -> UInt8 {
        d < 26 ? UInt8(ascii: "a") + UInt8(d) : UInt8(ascii: "0") + UInt8(d - 26)
    }

    private static func adapt(delta: Int, points: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / points
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
