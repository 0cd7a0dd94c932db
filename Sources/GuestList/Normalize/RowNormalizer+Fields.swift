import Foundation

/// The optional fields: enums spelled loosely, CC lists, answers, tracking and payment.
extension RowNormalizer {
    /// `ja`, `JA`, `ja-JP`, `ja_JP` → `ja`; a problem for any other language.
    func readLocale(_ text: String, problems: inout [RowProblem]) -> BookingRequest.LocaleCode? {
        if let code = BookingRequest.LocaleCode.exactly(text) { return code }
        guard let normalized = TextNormalizer.normalize(text) else { return nil }
        let primary = normalized.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? normalized
        if let code = BookingRequest.LocaleCode(rawValue: primary) { return code }
        problems.append(RowProblem(field: "locale", value: text,
                                   message: "Locale \(normalized) is not one the API accepts: use \(BookingRequest.LocaleCode.spelledOut)."))
        return nil
    }

    /// `zoom`, `Zoom`, `Google Meet`, `in-person` → the API's spelling; a problem for anything else.
    func readLocation(_ text: String, problems: inout [RowProblem]) -> BookingRequest.Location? {
        if let location = BookingRequest.Location.exactly(text) { return location }
        guard let normalized = TextNormalizer.normalize(text) else { return nil }
        if let location = Self.enumValue(normalized, as: BookingRequest.Location.self) { return location }
        problems.append(RowProblem(field: "locationId", value: text,
                                   message: "Location \(normalized) is not one the API accepts: use \(BookingRequest.Location.spelledOut)."))
        return nil
    }

    /// The CC list, tracking, answers and payment: the fields that need more than one cell or the
    /// guest's own address.
    func fillNestedFields(_ draft: inout BookingRequest, raw: borrowing RawRow, values: [String], map: FieldMap,
                          problems: inout [RowProblem]) {
        if !TextNormalizer.isBlank(raw.ccEmails) {
            let list = emails.normalizeList(raw.ccEmails, excluding: draft.email?.text)
            for (item, failure) in list.failures {
                problems.append(RowProblem(field: "ccEmails", value: item, message: "CC: " + failure.message))
            }
            draft.ccEmails = list.emails.isEmpty ? nil : list.emails.map(EmailAddress.init(checked:))
        }

        let storage = map.storage
        if !storage.tracking.isEmpty {
            var tracking = BookingRequest.Tracking()
            for (name, slot) in storage.tracking {
                let value = TextNormalizer.normalize(slot.text(in: values))
                switch name {
                case "campaign": tracking.campaign = value
                case "source": tracking.source = value
                case "medium": tracking.medium = value
                case "content": tracking.content = value
                case "term": tracking.term = value
                default: break
                }
            }
            if tracking != BookingRequest.Tracking() { draft.tracking = tracking }
        }

        if !storage.answers.isEmpty {
            let answers = storage.answers.compactMap { uid, slot in
                TextNormalizer.normalize(slot.text(in: values)).map {
                    BookingRequest.Answer(questionUid: TextNormalizer.fullyTrimmed(uid), content: $0)
                }
            }
            if !answers.isEmpty { draft.answers = answers }
        }

        if !storage.payment.isEmpty {
            var texts: [String: String] = [:]
            for (name, slot) in storage.payment { texts[name] = slot.text(in: values) }
            draft.payment = payment(texts, problems: &problems)
        }
    }

    private func payment(_ raw: [String: String], problems: inout [RowProblem]) -> BookingRequest.Payment? {
        let methodText = raw["paymentMethod"] ?? ""
        let method = TextNormalizer.normalize(methodText)
        let itemsText = TextNormalizer.normalize(raw["items"] ?? "")
        let successUrl = TextNormalizer.normalize(raw["successUrl"] ?? "")
        let cancelUrl = TextNormalizer.normalize(raw["cancelUrl"] ?? "")
        if method == nil, itemsText == nil, successUrl == nil, cancelUrl == nil { return nil }
        var paymentMethod: BookingRequest.PaymentMethod?
        if let method {
            paymentMethod = Self.enumValue(method, as: BookingRequest.PaymentMethod.self)
            if paymentMethod == nil {
                problems.append(RowProblem(field: "payment.paymentMethod", value: methodText,
                                           message: "Payment method \(method) is not one the API accepts: use \(BookingRequest.PaymentMethod.spelledOut)."))
            }
        }
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
        return BookingRequest.Payment(paymentMethod: paymentMethod, items: items, successUrl: successUrl, cancelUrl: cancelUrl)
    }

    /// The API's spelling of an enum value written in any case, with spaces, hyphens or underscores
    /// (`Google Meet`, `in-person`); nil when it matches none.
    static func enumValue<Value: CaseIterable & RawRepresentable>(_ text: String, as _: Value.Type) -> Value?
    where Value.RawValue == String {
        if let value = Value(rawValue: text) { return value }
        let key = text.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" }
        return Value.allCases.first { $0.rawValue.lowercased() == key }
    }
}
