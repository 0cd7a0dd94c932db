/// The enumerated values of SPEC §1: the one place that lists what `locale`, `locationId` and
/// `payment.paymentMethod` accept. The normalizer reads loose spellings into them; the validator
/// need not check them again.
extension BookingRequest {
    /// `locale`: the languages the API writes its messages in.
    public enum LocaleCode: String, Codable, Sendable, Hashable, CaseIterable {
        case ja, en
    }

    /// `locationId`: where the meeting happens.
    public enum Location: String, Codable, Sendable, Hashable, CaseIterable {
        case inPerson, phone, zoom, googleMeet, askInvitee, teams, custom
    }

    /// `payment.paymentMethod`.
    public enum PaymentMethod: String, Codable, Sendable, Hashable, CaseIterable {
        /// The API's `none`: nothing to pay. Not named `none`, which `Optional` already uses.
        case noCharge = "none"
        case card, onsite
    }
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// The value spelled exactly `text`: `init(rawValue:)`, comparing lengths first, which is most of
    /// the work on a row's hot path (the synthesized initializer compares every case).
    static func exactly(_ text: String) -> Self? {
        let count = text.utf8.count
        for value in allCases where value.rawValue.utf8.count == count && value.rawValue == text { return value }
        return nil
    }

    /// The accepted values for a message: `none, card or onsite`.
    static var spelledOut: String {
        let values = allCases.map(\.rawValue)
        guard values.count > 1 else { return values.first ?? "" }
        return values.dropLast().joined(separator: ", ") + " or " + values[values.count - 1]
    }
}
