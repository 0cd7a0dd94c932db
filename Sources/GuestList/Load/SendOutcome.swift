/// What an answer means for its row (SPEC §1 and §4).
public enum SendOutcome: Sendable, Equatable {
    /// 201: booked.
    case created(uid: String)
    /// 409: the slot is taken or the guest is already booked there — a final business outcome.
    case conflict(message: String)
    /// 400/422 (and other 4xx): the API rejected the data; final for the row.
    case rejected(status: Int, message: String)
    /// 401/403: the key is wrong; stop the whole run.
    case unauthorized(status: Int, message: String)
    /// 429: pause and put the row back; does not use up an attempt.
    case throttled(retryAfter: String?)
    /// 5xx or a transport failure; `uncertain` when the request may have reached the API.
    case transient(status: Int?, message: String, uncertain: Bool)
    /// Nothing could connect: the request never left.
    case unreachable(message: String)

    public init(_ answer: APIAnswer) {
        guard let status = answer.status else {
            let message = answer.transportError ?? "no answer"
            self = answer.mayHaveBeenSent ? .transient(status: nil, message: message, uncertain: true) : .unreachable(message: message)
            return
        }
        switch status {
        case 200..<300:
            if let uid = APIMessage.bookingUid(from: answer.body) {
                self = .created(uid: uid)
            } else {
                // A success without a uid cannot be recorded as a booking; treat it as unanswered so that
                // reconciliation finds the booking rather than sending it again blindly.
                self = .transient(status: status, message: "HTTP \(status) without a booking uid in the body", uncertain: true)
            }
        case 409: self = .conflict(message: APIMessage.extract(from: answer.body))
        case 401, 403: self = .unauthorized(status: status, message: APIMessage.extract(from: answer.body))
        case 429: self = .throttled(retryAfter: answer.retryAfter)
        case 408, 503:
            // The server says it did not take the request on: safe to send again.
            self = .transient(status: status, message: "HTTP \(status): \(APIMessage.extract(from: answer.body))", uncertain: false)
        case 500..<600:
            // A 500/502/504 may come after the booking was made (a gateway timing out, say): reconcile first.
            self = .transient(status: status, message: "HTTP \(status): \(APIMessage.extract(from: answer.body))", uncertain: true)
        default: self = .rejected(status: status, message: APIMessage.extract(from: answer.body))
        }
    }
}
