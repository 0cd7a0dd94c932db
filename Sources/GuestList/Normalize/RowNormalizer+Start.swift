/// The start of a booking: the row's zone, its date-time columns, DST gaps and overlaps, the past,
/// and an abbreviation whose season contradicts the date.
extension RowNormalizer {
    /// Sets the draft's zone when it can be read, and its start when that can be placed in the zone.
    func readStart(_ raw: borrowing RawRow, into draft: inout BookingRequest, problems: inout [RowProblem],
                   warnings: inout [RowProblem]) {
        var zone: ZoneReading?
        // A blank zone resolves to the failure that says it is missing.
        switch resolver.reading(for: raw.timeZone) {
        case .success(let value):
            zone = value
            draft.timeZone = TimeZoneID(canonical: value.rules.identifier)
        case .failure(let failure): problems.append(RowProblem(field: "timeZone", value: raw.timeZone, message: failure.message))
        }
        guard let start = startedAt(raw, zone: zone, problems: &problems, warnings: &warnings) else { return }
        draft.startedAt = start
    }

    private func startedAt(_ raw: borrowing RawRow, zone: ZoneReading?, problems: inout [RowProblem],
                           warnings: inout [RowProblem]) -> UTCInstant? {

        let text: String
        let parsed: Result<ParsedDateTime, NormalizationFailure>
        if let plain = dateTimes.parsePlain(raw.startedAt) {
            text = raw.startedAt
            parsed = .success(plain)
        } else if !TextNormalizer.isBlank(raw.startedAt) {
            text = raw.startedAt
            parsed = dateTimes.parse(raw.startedAt)
        } else if !TextNormalizer.isBlank(raw.startDate) {
            if TextNormalizer.isBlank(raw.startTime) {
                text = raw.startDate
                parsed = dateTimes.parse(raw.startDate)
            } else {
                text = TextNormalizer.fullyTrimmed(raw.startDate) + " " + TextNormalizer.fullyTrimmed(raw.startTime)
                parsed = dateTimes.parse(date: raw.startDate, time: raw.startTime)
            }
        } else {
            problems.append(RowProblem(field: "startedAt", value: "",
                                       message: "The start date and time are missing; map startedAt, or startDate and startTime, in the pipeline."))
            return nil
        }
        let value: ParsedDateTime
        switch parsed {
        case .success(let v): value = v
        case .failure(let failure):
            problems.append(RowProblem(field: "startedAt", value: text, message: failure.message))
            return nil
        }
        guard let zone else { return nil }
        let rules = zone.rules

        let local = value.local.secondsAsUTC
        let instant: Int64
        if let offset = value.offset {
            // The text pins the instant; the row's zone is still what the guest sees.
            instant = local - Int64(offset)
        } else {
            switch rules.resolve(local: local) {
            case .unique(let t): instant = t
            case .gap(let earlier, let later, let from, let to):
                let what = "does not exist in \(rules.identifier): clocks jump from \(Self.clock(from)) to \(Self.clock(to)) that night"
                guard let chosen = choose(earlier, later, what: what, local: value.local, rules: rules,
                                          text: text, problems: &problems, warnings: &warnings) else { return nil }
                instant = chosen
            case .overlap(let earlier, let later, let from, let to):
                let what = "is ambiguous in \(rules.identifier): clocks go back from \(Self.clock(from)) to \(Self.clock(to)) that night, so \(Self.clock(value.local.hour * 3_600 + value.local.minute * 60)) happens twice"
                guard let chosen = choose(earlier, later, what: what, local: value.local, rules: rules,
                                          text: text, problems: &problems, warnings: &warnings) else { return nil }
                instant = chosen
            }
        }
        let milliseconds = instant * 1_000 + Int64(value.local.millisecond)
        if !options.allowPast, milliseconds < nowMilliseconds {
            problems.append(RowProblem(field: "startedAt", value: text,
                                       message: "Start \(value.local) (\(rules.identifier)) is in the past; only future bookings are sent (set normalize.allowPast: true to send past ones)."))
            return nil
        }
        if let seasonal = zone.seasonal, rules.isDaylightSavingTime(atUTC: instant) != seasonal.season.isDaylight {
            let offset = rules.offset(atUTC: instant)
            let wall = LocalDateTime(secondsAsUTC: instant + Int64(offset))
            warnings.append(RowProblem(field: "timeZone", value: raw.timeZone, message: seasonal.message(offset: offset, local: wall)))
        }
        return UTCInstant(checkedMilliseconds: milliseconds)
    }

    /// Applies `normalize.dst` to a gap or overlap: a problem under `reject`, else a warning that
    /// records the choice, so the report shows which rows were moved.
    private func choose(_ earlier: Int64, _ later: Int64, what: String, local: LocalDateTime, rules: ZoneRules,
                        text: String, problems: inout [RowProblem], warnings: inout [RowProblem]) -> Int64? {
        switch options.dst {
        case .reject:
            problems.append(RowProblem(field: "startedAt", value: text,
                                       message: "Start \(local) \(what). Write a time that exists once, or set normalize.dst to earlier or later."))
            return nil
        case .earlier, .later:
            let chosen = options.dst == .earlier ? earlier : later
            let offset = rules.offset(atUTC: chosen)
            let wall = LocalDateTime(secondsAsUTC: chosen + Int64(offset))
            warnings.append(RowProblem(field: "startedAt", value: text,
                                       message: "Start \(local) \(what); as the pipeline's dst: \(options.dst.rawValue) says, it is sent as \(wall) (UTC\(UTCOffset(seconds: offset).text)), the \(options.dst.rawValue) of the two readings."))
            return chosen
        }
    }

    static func clock(_ secondsOfDay: Int) -> String {
        LocalDateTime.pad(secondsOfDay / 3_600, 2) + ":" + LocalDateTime.pad(secondsOfDay % 3_600 / 60, 2)
    }
}
