/// Why one value could not be normalized: a sentence an organiser can act on. The caller attaches
/// the field and the raw value when it turns this into a `RowProblem`.
public struct NormalizationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
