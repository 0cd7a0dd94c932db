/// The request body written directly, without `JSONEncoder`: on a million rows the encoder (a
/// container per value, keys sorted per object) cost more than reading, normalizing and validating
/// the rows together.
extension BookingRequest {
    /// The body of `POST /v1/bookings`: byte for byte what `JSONEncoder` with
    /// `[.sortedKeys, .withoutEscapingSlashes]` makes of this request (see `JSONByteWriter`).
    public func json() -> String {
        let count = jsonByteCount
        return String(unsafeUninitializedCapacity: count) { buffer in
            var writer = JSONByteWriter(JSONByteBuffer(buffer.baseAddress!))
            write(to: &writer)
            return writer.sink.count
        }
    }

    /// `json()`'s UTF-8 bytes, for a caller that keeps or binds bytes: no string is made.
    public func jsonBytes() -> [UInt8] {
        let count = jsonByteCount
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var writer = JSONByteWriter(JSONByteBuffer(buffer.baseAddress!))
            write(to: &writer)
            initialized = writer.sink.count
        }
    }

    /// The exact length of the payload, found by writing it to a counter.
    private var jsonByteCount: Int {
        var counter = JSONByteWriter(JSONByteCount())
        write(to: &counter)
        return counter.sink.count
    }

    /// Members in the UTF-8 order of their names, as `.sortedKeys` orders them.
    private func write<Sink: JSONSink>(to writer: inout JSONByteWriter<Sink>) {
        writer.beginObject()
        if let answers {
            writer.key("answers")
            writer.beginArray()
            for answer in answers {
                writer.beginObject()
                writer.key("content")
                writer.string(answer.content)
                writer.key("questionUid")
                writer.string(answer.questionUid)
                writer.endObject()
            }
            writer.endArray()
        }
        if let ccEmails {
            writer.key("ccEmails")
            writer.beginArray()
            for address in ccEmails { writer.string(address.text) }
            writer.endArray()
        }
        if let company { writer.key("company"); writer.string(company) }
        if let email { writer.key("email"); writer.string(email.text) }
        writer.key("eventTypeId")
        writer.string(eventTypeId)
        if let locale { writer.key("locale"); writer.string(locale.rawValue) }
        if let locationId { writer.key("locationId"); writer.string(locationId.rawValue) }
        if let message { writer.key("message"); writer.string(message) }
        writer.key("name")
        writer.string(name)
        if let payment { writePayment(payment, to: &writer) }
        if let phoneNumber { writer.key("phoneNumber"); writer.string(phoneNumber) }
        if let startedAt { writer.key("startedAt"); writer.instant(startedAt) }
        if let textRemindCountryCode { writer.key("textRemindCountryCode"); writer.string(textRemindCountryCode) }
        if let textRemindNumber { writer.key("textRemindNumber"); writer.string(textRemindNumber) }
        if let timeZone { writer.key("timeZone"); writer.string(timeZone.identifier) }
        if let tracking {
            writer.key("tracking")
            writer.beginObject()
            if let campaign = tracking.campaign { writer.key("campaign"); writer.string(campaign) }
            if let content = tracking.content { writer.key("content"); writer.string(content) }
            if let medium = tracking.medium { writer.key("medium"); writer.string(medium) }
            if let source = tracking.source { writer.key("source"); writer.string(source) }
            if let term = tracking.term { writer.key("term"); writer.string(term) }
            writer.endObject()
        }
        writer.endObject()
    }

    private func writePayment<Sink: JSONSink>(_ payment: Payment, to writer: inout JSONByteWriter<Sink>) {
        writer.key("payment")
        writer.beginObject()
        if let cancelUrl = payment.cancelUrl { writer.key("cancelUrl"); writer.string(cancelUrl) }
        writer.key("items")
        writer.beginArray()
        for item in payment.items {
            writer.beginObject()
            for (name, value) in item.fields.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                writer.key(name)
                switch value {
                case .string(let text): writer.string(text)
                case .number(let number): writer.number(number)
                case .bool(let flag): writer.bool(flag)
                }
            }
            writer.endObject()
        }
        writer.endArray()
        if let method = payment.paymentMethod { writer.key("paymentMethod"); writer.string(method.rawValue) }
        if let successUrl = payment.successUrl { writer.key("successUrl"); writer.string(successUrl) }
        writer.endObject()
    }
}
