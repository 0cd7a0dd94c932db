import Foundation

/// The normalize stage for one row: a record's cells in, every field read into the API's types out,
/// with a problem for each field that cannot be read and warnings for what is worth a look. The
/// pipeline calls `normalize(_:map:)` once per record, then `BookingValidator.validate(_:)`.
///
/// Value type, `Sendable`, safe to share between threads; the only shared state is the time zone
/// cache inside `TimeZoneResolver`.
public struct RowNormalizer: Sendable {
    public let options: NormalizeOptions
    public let resolver: TimeZoneResolver
    public let dateTimes: DateTimeParser
    public let emails: EmailNormalizer
    /// `options.now` in milliseconds since the epoch.
    let nowMilliseconds: Int64

    public init(options: NormalizeOptions) {
        self.options = options
        self.resolver = TimeZoneResolver(aliases: options.timeZoneAliases)
        self.dateTimes = DateTimeParser(dateOrder: options.dateOrder)
        self.emails = EmailNormalizer()
        self.nowMilliseconds = Int64((options.now.timeIntervalSince1970 * 1_000).rounded(.down))
    }

    /// Normalizes one record.
    /// - Parameters:
    ///   - values: the record's cells, aligned with the source's columns.
    ///   - map: where each booking field comes from, built once for the source.
    public func normalize(_ values: [String], map: FieldMap) -> NormalizedRow {
        var draft = BookingRequest()
        var problems: [RowProblem] = []
        var warnings: [RowProblem] = []
        let raw = gather(values, map: map, into: &draft)
        switch emails.normalize(raw.email) {
        case .success(let value):
            if let typo = emails.typoWarning(for: value) {
                warnings.append(RowProblem(field: "email", value: raw.email, message: typo))
            }
            draft.email = EmailAddress(checked: value)
        case .failure(let failure):
            let message = TextNormalizer.isBlank(raw.email) ? "The email address is missing; every guest needs one." : failure.message
            problems.append(RowProblem(field: "email", value: raw.email, message: message))
        }
        readStart(raw, into: &draft, problems: &problems, warnings: &warnings)
        fillNestedFields(&draft, raw: raw, values: values, map: map, problems: &problems)
        problems += raw.problems
        return NormalizedRow(draft: draft, problems: problems, warnings: warnings, source: SourceFields(values: values, map: map))
    }

    /// Normalizes a row given as field path → text, each text used as it stands (blank included):
    /// for tests and callers that hold no source.
    public func normalize(_ fields: [String: String]) -> NormalizedRow {
        normalize([], map: FieldMap(columns: [:], defaults: fields))
    }

    /// What one pass over a row's fields leaves for later: the texts whose reading depends on other
    /// fields (the start needs its zone, the CC list the guest's own address), and the problems of
    /// the enumerated fields, reported after the others. The free-text fields go straight into the
    /// draft during the pass. Not copyable: the stages borrow it.
    struct RawRow: ~Copyable {
        var startedAt = "", startDate = "", startTime = "", timeZone = "", email = "", ccEmails = ""
        var problems: [RowProblem] = []
    }

    /// One pass over the mapped fields: free text is normalized into `draft` at once, the rest kept in
    /// the returned `RawRow`.
    func gather(_ values: [String], map: FieldMap, into draft: inout BookingRequest) -> RawRow {
        var raw = RawRow()
        for entry in map.storage.entries {
            let text = entry.slot.text(in: values)
            switch entry.field {
            case .name: draft.name = TextNormalizer.normalize(text) ?? ""
            case .email: raw.email = text
            case .startedAt: raw.startedAt = text
            case .startDate: raw.startDate = text
            case .startTime: raw.startTime = text
            case .timeZone: raw.timeZone = text
            case .ccEmails: raw.ccEmails = text
            case .company: draft.company = TextNormalizer.normalize(text)
            case .message: draft.message = TextNormalizer.normalize(text)
            case .phoneNumber: draft.phoneNumber = TextNormalizer.normalize(text)
            case .textRemindNumber: draft.textRemindNumber = TextNormalizer.normalize(text)
            case .textRemindCountryCode: draft.textRemindCountryCode = TextNormalizer.normalize(text)
            // An id has no white space to trim in the usual case; the validator checks its shape.
            case .eventTypeId: draft.eventTypeId = TextNormalizer.trim(text)
            case .locale: draft.locale = readLocale(text, problems: &raw.problems)
            case .locationId: draft.locationId = readLocation(text, problems: &raw.problems)
            }
        }
        return raw
    }
}
