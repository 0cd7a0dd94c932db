import Foundation

/// The normalize and validate stages for one record: the source's cells in, a `CheckedRow` out.
/// Built once per source: the column mapping and the defaults are resolved into a `FieldMap` here, so
/// a row is read through it without building anything per field.
struct RowChecker {
    let normalizer: RowNormalizer
    let validator = BookingValidator()
    let map: FieldMap
    /// Whether valid rows get their JSON body, and every row its source cells and display values: a run
    /// records them all; `validate` needs none (and freeing them on the recording thread, which did not
    /// allocate them, was a tenth of its time).
    let payloads: Bool

    init(file: PipelineFile, mapping: [(field: String, index: Int)], now: Date, payloads: Bool) {
        var options = file.normalize
        options.now = now
        normalizer = RowNormalizer(options: options)
        map = FieldMap(columns: Dictionary(mapping.map { ($0.field, $0.index) }, uniquingKeysWith: { _, last in last }), defaults: file.defaults)
        self.payloads = payloads
    }

    func check(_ record: SourceRecord) -> CheckedRow {
        if let problem = record.problem {
            // The reader could not read the record cleanly: the source's own text is all there is to show.
            let shown = SourceFields(values: record.values, map: map).display
            return CheckedRow(
                row: record.row, line: record.line, booking: nil, name: shown.name, email: shown.email,
                startedAt: shown.startedAt, timeZone: shown.timeZone, original: record.values,
                problems: [RowProblem(field: "row", value: "", message: problem)])
        }
        let checked = validator.validate(normalizer.normalize(record.values, map: map))
        var booking: CheckedRow.Booking?
        if let request = checked.request, let key = checked.key {
            booking = CheckedRow.Booking(key: key, payload: payloads ? request.json() : "")
        }
        guard payloads else {
            return CheckedRow(
                row: record.row, line: record.line, booking: booking, name: "", email: checked.request?.email?.text ?? "", startedAt: "",
                timeZone: "", original: [], problems: booking == nil ? checked.problems : [], warnings: checked.warnings)
        }
        // Per field: the normalized value where normalization succeeded, else the source's text (SPEC §5).
        let shown = checked.display
        return CheckedRow(
            row: record.row, line: record.line, booking: booking, name: shown.name, email: shown.email,
            startedAt: shown.startedAt, timeZone: shown.timeZone, original: record.values,
            problems: booking == nil ? checked.problems : [], warnings: checked.warnings)
    }
}
