/// What a read endpoint gave: the decoded value, or the answer that explains why there is none.
public enum ReadAnswer<Value: Sendable>: Sendable {
    case value(Value)
    case failed(APIAnswer)
}

extension ReadAnswer {
    /// The same answer with its value transformed.
    func map<T: Sendable>(_ transform: (Value) -> T) -> ReadAnswer<T> {
        switch self {
        case .value(let value): .value(transform(value))
        case .failed(let answer): .failed(answer)
        }
    }
}
