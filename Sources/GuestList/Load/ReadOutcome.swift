/// What a read (a listing page, a booking's contacts, an event type) came to, by the same rules as a POST
/// (SPEC §1 and §4): a 429 pauses the whole loader, 5xx and lost answers are retried with backoff, nothing
/// connecting counts towards "unreachable", 401/403 stops the run.
enum ReadOutcome<Value: Sendable>: Sendable {
    case value(Value)
    /// 429: pause and ask again; does not count as a failure of the lookup.
    case throttled(retryAfter: String?)
    /// 408, 5xx, a timeout or a dropped connection: a GET is safe to repeat.
    case transient(String)
    /// Nothing could connect.
    case unreachable(String)
    /// 401/403.
    case unauthorized(status: Int, message: String)
    /// Any other answer, or a body that is not what the endpoint promises: the question cannot be settled.
    case failed(String)

    init(_ answer: ReadAnswer<Value>, path: @autoclosure () -> String) {
        switch answer {
        case .value(let value):
            self = .value(value)
        case .failed(let answer):
            guard let status = answer.status else {
                let message = "GET \(path()) got no answer: \(answer.transportError ?? "unknown error")"
                self = answer.mayHaveBeenSent ? .transient(message) : .unreachable(message)
                return
            }
            let message = answer.transportError ?? "GET \(path()) answered HTTP \(status): \(APIMessage.extract(from: answer.body))"
            switch status {
            case 429: self = .throttled(retryAfter: answer.retryAfter)
            case 401, 403: self = .unauthorized(status: status, message: APIMessage.extract(from: answer.body))
            case 408, 500..<600: self = .transient(message)
            default: self = .failed(message)
            }
        }
    }
}
