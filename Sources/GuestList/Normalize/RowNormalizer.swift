import Foundation

/// The normalize and validate stages for one row: raw text in, a `BookingRequest` or the reasons the
/// row is `invalid` out. The pipeline calls `normalize(_:)` once per row.
///
/// Value type, `Sendable`, safe to share between threads; the only shared state is the time zone
/// cache inside `TimeZoneResolver`.
public struct RowNormalizer: Sendable {
    public let options: NormalizeOptions
    public let resolver: TimeZoneResolver
    public let dateTimes: DateTimeParser
    public let emails: EmailNormalizer
    public let validator: BookingValidator
    /// `options.now` in milliseconds since the epoch.
    let nowMilliseconds: Int64

    public init(options: NormalizeOptions) {
        self.options = options
        self.resolver = TimeZoneResolver(aliases: options.timeZoneAliases)
        self.dateTimes = DateTimeParser(dateOrder: options.dateOrder)
        self.emails = EmailNormalizer()
        self.validator = BookingValidator()
        self.nowMilliseconds = Int64((options.now.timeIntervalSince1970 * 1_000).rounded(.down))
    }

    /// What one pass over a row's fields leaves for later: the texts whose reading depends on other
    /// fields (the start needs its zone, the CC list the guest's own address). The free-text fields
    /// go straight into the request during the pass. Not copyable: the stages borrow it.
    struct RawRow: ~Copyable {
        var startedAt = "", startDate = "", startTime = "", timeZone = "", email = "", ccEmails = ""
        /// True when some key is a `tracking.`, `answers.` or `payment.` path.
        var hasNested = false

        /// The `tracking.` keys.
        func tracking(_ fields: [String: String]) -> [String] {
            hasNested ? fields.keys.filter { $0.hasPrefix("tracking.") } : []
        }
        /// `answers.<questionUid>` fields as (questionUid, text).
        func answers(_ fields: [String: String]) -> [(String, String)] {
            guard hasNested else { return [] }
            return fields.compactMap { $0.key.hasPrefix("answers.") ? (String($0.key.dropFirst(8)), $0.value) : nil }
        }
        /// `payment.<field>` fields by field.
        func payment(_ fields: [String: String]) -> [String: String] {
            guard hasNested else { return [:] }
            var payment: [String: String] = [:]
            for (key, value) in fields where key.hasPrefix("payment.") { payment[String(key.dropFirst(8))] = value }
            return payment
        }
    }

    /// One pass over `fields`: free text is normalized into `request` at once, the rest kept in the
    /// returned `RawRow`.
    func gather(_ fields: [String: String], into request: inout BookingRequest,
                produced: inout BookingValidator.Produced) -> RawRow {
        var raw = RawRow()
        for (key, value) in fields {
            // Dispatch on the key's length first: most keys then need one comparison, not fifteen.
            switch key.utf8.count {
            case 4 where key == "name": request.name = TextNormalizer.normalize(value) ?? ""
            case 5 where key == "email": raw.email = value
            case 6 where key == "locale":
                // Already an accepted value: nothing to trim or fold.
                if value == "ja" || value == "en" {
                    produced.insert(.locale)
                    request.locale = value
                } else if let locale = TextNormalizer.normalize(value).map(Self.locale) {
                    if locale == "ja" || locale == "en" { produced.insert(.locale) }
                    request.locale = locale
                }
            case 7 where key == "company": request.company = TextNormalizer.normalize(value)
            case 7 where key == "message": request.message = TextNormalizer.normalize(value)
            case 8 where key == "timeZone": raw.timeZone = value
            case 8 where key == "ccEmails": raw.ccEmails = value
            case 9 where key == "startedAt": raw.startedAt = value
            case 9 where key == "startDate": raw.startDate = value
            case 9 where key == "startTime": raw.startTime = value
            case 10 where key == "locationId":
                if BookingValidator.isOne(of: BookingValidator.locationIds, value) {
                    produced.insert(.locationId)
                    request.locationId = value
                } else if let text = TextNormalizer.normalize(value) {
                    let location = Self.enumValue(text, in: BookingValidator.locationIds)
                    if location.known { produced.insert(.locationId) }
                    request.locationId = location.value
                }
            case 11 where key == "eventTypeId":
                // An id of printable ASCII has no white space to trim and is safe in a URL path.
                if BookingValidator.isPlainIdentifier(value) && !value.isEmpty {
                    produced.insert(.eventTypeId)
                    request.eventTypeId = value
                } else {
                    request.eventTypeId = TextNormalizer.trim(value)
                }
            case 11 where key == "phoneNumber": request.phoneNumber = TextNormalizer.normalize(value)
            case 16 where key == "textRemindNumber": request.textRemindNumber = TextNormalizer.normalize(value)
            case 21 where key == "textRemindCountryCode": request.textRemindCountryCode = TextNormalizer.normalize(value)
            default:
                if key.hasPrefix("tracking.") || key.hasPrefix("answers.") || key.hasPrefix("payment.") { raw.hasNested = true }
            }
        }
        return raw
    }

    /// Normalizes and validates one row.
    /// - Parameter fields: booking field paths → the row's raw text, already merged with the
    ///   pipeline's defaults. See the type's documentation for the keys.
    public func normalize(_ fields: [String: String]) -> NormalizedRow {
        var problems: [RowProblem] = []
        var warnings: [RowProblem] = []
        var produced: BookingValidator.Produced = []
        var rawTimeZone = ""
        let request = build(fields, problems: &problems, warnings: &warnings, produced: &produced, rawTimeZone: &rawTimeZone)
        let hasStart = produced.contains(.startedAt)
        for problem in validator.validate(request, produced: produced)
        where !problems.contains(where: { $0.field == problem.field || (!hasStart && (problem.field == "startedAt" || problem.field == "timeZone")) }) {
            var located = problem
            if let original = fields[problem.field], problem.field != "ccEmails" || !problem.message.hasPrefix("CC:") {
                located.value = original
            }
            problems.append(located)
        }
        guard problems.isEmpty else { return invalidRow(request, problems: problems, warnings: warnings, rawTimeZone: rawTimeZone) }
        return NormalizedRow(request: request, warnings: warnings)
    }

    /// The request as the row's cells describe it, before validation; what cannot be read is in `problems`.
    private func build(_ fields: [String: String], problems: inout [RowProblem], warnings: inout [RowProblem],
                       produced: inout BookingValidator.Produced, rawTimeZone: inout String) -> BookingRequest {
        var request = BookingRequest(startedAt: "", timeZone: "", eventTypeId: "", email: "", name: "")
        let raw = gather(fields, into: &request, produced: &produced)
        rawTimeZone = raw.timeZone
        switch emails.normalize(raw.email) {
        case .success(let value):
            if let typo = emails.typoWarning(for: value) {
                warnings.append(RowProblem(field: "email", value: raw.email, message: typo))
            }
            request.email = value
            produced.insert(.email)
        case .failure(let failure):
            let message = TextNormalizer.isBlank(raw.email) ? "The email address is missing; every guest needs one." : failure.message
            problems.append(RowProblem(field: "email", value: raw.email, message: message))
        }
        if let start = startedAt(raw, problems: &problems, warnings: &warnings) {
            request.startedAt = start.startedAt
            request.timeZone = start.zone
            produced.formUnion([.startedAt, .timeZone])
        }
        fillNestedFields(&request, raw: raw, fields: fields, problems: &problems)
        return request
    }

    /// An invalid row, with the fields that did normalize kept for the report.
    private func invalidRow(_ request: borrowing BookingRequest, problems: [RowProblem], warnings: [RowProblem],
                            rawTimeZone: String) -> NormalizedRow {
        var partial: [String: String] = [:]
        let failed = Set(problems.map(\.field))
        for (field, value) in [("name", request.name), ("email", request.email), ("startedAt", request.startedAt),
                               ("timeZone", request.timeZone)] where !value.isEmpty && !failed.contains(field) {
            partial[field] = value
        }
        if partial["timeZone"] == nil, !failed.contains("timeZone"), case .success(let id) = resolver.resolve(rawTimeZone) {
            partial["timeZone"] = id
        }
        return NormalizedRow(request: nil, problems: problems, warnings: warnings, normalizedFields: partial)
    }
}
