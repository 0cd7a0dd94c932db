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

    /// The raw text of one row, gathered from `fields` in one pass. Not copyable: the stages borrow
    /// it, so its fifteen strings are never copied (a copy is fifteen retains and releases per row).
    struct RawRow: ~Copyable {
        var startedAt = "", startDate = "", startTime = "", timeZone = "", eventTypeId = "", email = "", name = ""
        var company = "", textRemindCountryCode = "", textRemindNumber = "", ccEmails = "", message = ""
        var locale = "", locationId = "", phoneNumber = ""
        var tracking: [String] = []
        var answers: [(String, String)] = []
        var payment: [String: String] = [:]

        init(_ fields: [String: String]) {
            for (key, value) in fields {
                // Dispatch on the key's length first: most keys then need one comparison, not fifteen.
                switch key.utf8.count {
                case 4 where key == "name": name = value
                case 5 where key == "email": email = value
                case 6 where key == "locale": locale = value
                case 7 where key == "company": company = value
                case 7 where key == "message": message = value
                case 8 where key == "timeZone": timeZone = value
                case 8 where key == "ccEmails": ccEmails = value
                case 9 where key == "startedAt": startedAt = value
                case 9 where key == "startDate": startDate = value
                case 9 where key == "startTime": startTime = value
                case 10 where key == "locationId": locationId = value
                case 11 where key == "eventTypeId": eventTypeId = value
                case 11 where key == "phoneNumber": phoneNumber = value
                case 16 where key == "textRemindNumber": textRemindNumber = value
                case 21 where key == "textRemindCountryCode": textRemindCountryCode = value
                default:
                    if key.hasPrefix("tracking.") { tracking.append(key) }
                    else if key.hasPrefix("answers.") { answers.append((String(key.dropFirst(8)), value)) }
                    else if key.hasPrefix("payment.") { payment[String(key.dropFirst(8))] = value }
                }
            }
        }
    }

    /// Normalizes and validates one row.
    /// - Parameter fields: booking field paths → the row's raw text, already merged with the
    ///   pipeline's defaults. See the type's documentation for the keys.
    public func normalize(_ fields: [String: String]) -> NormalizedRow {
        let raw = RawRow(fields)
        var problems: [RowProblem] = []
        var warnings: [RowProblem] = []

        let eventTypeId = TextNormalizer.trim(raw.eventTypeId)
        let name = TextNormalizer.normalize(raw.name) ?? ""
        var email = ""
        if TextNormalizer.isBlank(raw.email) {
            problems.append(RowProblem(field: "email", value: raw.email,
                                       message: "The email address is missing; every guest needs one."))
        } else {
            switch emails.normalize(raw.email) {
            case .success(let value):
                email = value
                if let typo = emails.typoWarning(for: value) {
                    warnings.append(RowProblem(field: "email", value: raw.email, message: typo))
                }
            case .failure(let failure):
                problems.append(RowProblem(field: "email", value: raw.email, message: failure.message))
            }
        }
        let start = startedAt(raw, problems: &problems, warnings: &warnings)

        var request = BookingRequest(startedAt: start?.startedAt ?? "", timeZone: start?.zone ?? "",
                                     eventTypeId: eventTypeId, email: email, name: name)
        fillOptionalFields(&request, raw: raw, fields: fields, problems: &problems)
        let finished = request

        var produced: BookingValidator.Produced = []
        if !email.isEmpty { produced.insert(.email) }
        if start != nil { produced.formUnion([.startedAt, .timeZone]) }
        for problem in validator.validate(finished, produced: produced)
        where !problems.contains(where: { $0.field == problem.field || (start == nil && (problem.field == "startedAt" || problem.field == "timeZone")) }) {
            var located = problem
            if let original = fields[problem.field], problem.field != "ccEmails" || !problem.message.hasPrefix("CC:") {
                located.value = original
            }
            problems.append(located)
        }
        if problems.isEmpty { return NormalizedRow(request: finished, warnings: warnings) }
        return invalidRow(finished, problems: problems, warnings: warnings, rawTimeZone: raw.timeZone)
    }

    /// An invalid row, with the fields that did normalize kept for the report.
    @inline(never)
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
