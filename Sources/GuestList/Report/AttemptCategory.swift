/// What one HTTP attempt came to, in the buckets the attempts chart colours by.
///
/// 429s and unanswered attempts get their own buckets because they are what an organiser needs to see
/// to understand a slow run: throttling by the API, or a network that dropped requests.
enum AttemptCategory: String, CaseIterable, Sendable {
    case success = "2xx"
    case conflict = "409"
    case rejected = "4xx"
    case throttled = "429"
    case serverError = "5xx"
    case noAnswer = "no answer"

    init(httpStatus: Int?) {
        switch httpStatus {
        case nil: self = .noAnswer
        case 429: self = .throttled
        case 409: self = .conflict
        case let code? where (200..<300).contains(code): self = .success
        case let code? where (500..<600).contains(code): self = .serverError
        default: self = .rejected
        }
    }

    /// The legend's wording.
    var label: String {
        switch self {
        case .success: "2xx created"
        case .conflict: "409 conflict"
        case .rejected: "other 4xx"
        case .throttled: "429 too many requests"
        case .serverError: "5xx server error"
        case .noAnswer: "no answer"
        }
    }

    var colour: String {
        switch self {
        case .success: "#38a169"
        case .conflict: "#d69e2e"
        case .rejected: "#805ad5"
        case .throttled: "#dd6b20"
        case .serverError: "#c53030"
        case .noAnswer: "#52606d"
        }
    }
}

extension RowStatus {
    /// The colour of this status in the HTML report's cards, bars and badges.
    var reportColour: String {
        switch self {
        case .created: "#38a169"
        case .conflict: "#d69e2e"
        case .invalid: "#805ad5"
        case .duplicate: "#718096"
        case .skipped: "#3182ce"
        case .failed: "#c53030"
        case .pending: "#9aa5b1"
        }
    }
}
