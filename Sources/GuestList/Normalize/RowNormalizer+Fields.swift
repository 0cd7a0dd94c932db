import Foundation

/// The optional fields: free text, enums spelled loosely, CC lists, answers, tracking and payment.
extension RowNormalizer {
    /// The CC list, tracking, answers and payment: the fields that need more than one cell or the
    /// guest's own address.
    func fillNestedFields(_ request: inout BookingRequest, raw: borrowing RawRow, fields: [String: String],
                          problems: inout [RowProblem]) {
        if !TextNormalizer.isBlank(raw.ccEmails) {
            let list = emails.normalizeList(raw.ccEmails, excluding: request.email.isEmpty ? nil : request.email)
            for (item, failure) in list.failures {
                problems.append(RowProblem(field: "ccEmails", value: item, message: "CC: " + failure.message))
            }
            request.ccEmails = list.emails.isEmpty ? nil : list.emails
        }

        guard raw.hasNested else { return }
        let trackingKeys = raw.tracking(fields)
        if !trackingKeys.isEmpty {
            var tracking = BookingRequest.Tracking()
            for key in trackingKeys {
                let value = TextNormalizer.normalize(fields[key] ?? "")
                switch key {
                case "tracking.campaign": tracking.campaign = value
                case "tracking.source": tracking.source = value
                case "tracking.medium": tracking.medium = value
                case "tracking.content": tracking.content = value
                case "tracking.term": tracking.term = value
                default: break
                }
            }
            if tracking != BookingRequest.Tracking() { request.tracking = tracking }
        }

        let rawAnswers = raw.answers(fields)
        if !rawAnswers.isEmpty {
            let answers = rawAnswers.sorted { $0.0 < $1.0 }.compactMap { uid, content in
                TextNormalizer.normalize(content).map { BookingRequest.Answer(questionUid: TextNormalizer.fullyTrimmed(uid), content: $0) }
            }
            if !answers.isEmpty { request.answers = answers }
        }

        let rawPayment = raw.payment(fields)
        if !rawPayment.isEmpty { request.payment = payment(rawPayment, problems: &problems) }
    }

    private func payment(_ raw: [String: String], problems: inout [RowProblem]) -> BookingRequest.Payment? {
        let method = TextNormalizer.normalize(raw["paymentMethod"] ?? "").map { Self.enumValue($0, in: BookingValidator.paymentMethods).value }
        let itemsText = TextNormalizer.normalize(raw["items"] ?? "")
        let successUrl = TextNormalizer.normalize(raw["successUrl"] ?? "")
        let cancelUrl = TextNormalizer.normalize(raw["cancelUrl"] ?? "")
        if method == nil, itemsText == nil, successUrl == nil, cancelUrl == nil { return nil }
        var items: [BookingRequest.PaymentItem] = []
        if let itemsText {
            do {
                items = try JSONDecoder().decode([BookingRequest.PaymentItem].self, from: Data(itemsText.utf8))
            } catch {
                problems.append(RowProblem(field: "payment.items", value: itemsText,
                                           message: "Payment items must be a JSON array of objects of strings, numbers and booleans, like [{\"name\": \"Ticket\", \"price\": 3000}]."))
            }
        } else {
            problems.append(RowProblem(field: "payment.items", value: "",
                                       message: "Payment needs items (a JSON array) when any payment field is given."))
        }
        return BookingRequest.Payment(paymentMethod: method ?? "", items: items, successUrl: successUrl, cancelUrl: cancelUrl)
    }

    /// `ja`, `JA`, `ja-JP`, `ja_JP` → `ja`; anything else is left for the validator to reject.
    static func locale(_ text: String) -> String {
        if text == "ja" || text == "en" { return text }
        let primary = text.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? text
        return BookingValidator.locales.contains(primary) ? primary : text
    }

    /// The API's spelling of an enum value written in any case, with spaces, hyphens or underscores
    /// (`Google Meet`, `in-person`); the text itself when it matches none.
    static func enumValue(_ text: String, in values: [String]) -> (value: String, known: Bool) {
        if BookingValidator.isOne(of: values, text) { return (text, true) }
        let key = text.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" }
        if let value = values.first(where: { $0.lowercased() == key }) { return (value, true) }
        return (text, false)
    }
}
