/// The nested parts of a request: tracking, answers, payment.
extension BookingRequest {
    /// Where the booking came from, for the organiser's statistics.
    public struct Tracking: Codable, Sendable, Equatable, Hashable {
        public var campaign: String?
        public var source: String?
        public var medium: String?
        public var content: String?
        public var term: String?
        public init(campaign: String? = nil, source: String? = nil, medium: String? = nil, content: String? = nil, term: String? = nil) {
            self.campaign = campaign
            self.source = source
            self.medium = medium
            self.content = content
            self.term = term
        }
    }

    /// The guest's answer to one of the event type's questions.
    public struct Answer: Codable, Sendable, Equatable, Hashable {
        public var questionUid: String
        public var content: String
        public init(questionUid: String, content: String) {
            self.questionUid = questionUid
            self.content = content
        }
    }

    /// What the guest pays and where the payment page sends them back to.
    public struct Payment: Codable, Sendable, Equatable, Hashable {
        /// Required when there is a payment; nil while the row gave none.
        public var paymentMethod: PaymentMethod?
        /// Sent verbatim: the API does not document the item shape, so a pipeline supplies it as JSON.
        public var items: [PaymentItem]
        public var successUrl: String?
        public var cancelUrl: String?
        public init(paymentMethod: PaymentMethod?, items: [PaymentItem], successUrl: String? = nil, cancelUrl: String? = nil) {
            self.paymentMethod = paymentMethod
            self.items = items
            self.successUrl = successUrl
            self.cancelUrl = cancelUrl
        }
    }

    /// One payment item: a free-form JSON object of strings, numbers and booleans.
    public struct PaymentItem: Codable, Sendable, Equatable, Hashable {
        public var fields: [String: JSONScalar]
        public init(fields: [String: JSONScalar]) { self.fields = fields }
        public init(from decoder: any Decoder) throws {
            fields = try decoder.singleValueContainer().decode([String: JSONScalar].self)
        }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(fields)
        }
    }
}
