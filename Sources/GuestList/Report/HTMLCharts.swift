/// The two inline SVG charts of the HTML report.
///
/// Inline SVG (not a chart library, not canvas) keeps the page self-contained, prints well and shows
/// with JavaScript off. Every bar carries a `<title>` so hovering shows its exact numbers.
enum HTMLCharts {
    /// One horizontal bar per status, each labelled with its name and count.
    static func outcomes(_ counts: StatusCounts) -> String {
        let (width, labelWidth, barHeight, gap) = (1000.0, 96.0, 22.0, 8.0)
        let barArea = width - labelWidth - 70
        let largest = Double(max(1, RowStatus.allCases.map { counts[$0] }.max() ?? 1))
        let height = Double(RowStatus.allCases.count) * (barHeight + gap) + gap
        var svg = """
            <figure><svg id="outcomes-chart" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" \
            role="img" aria-labelledby="outcomes-title"><title id="outcomes-title">Rows per outcome</title>

            """
        for (index, status) in RowStatus.allCases.enumerated() {
            let n = counts[status]
            let y = gap + Double(index) * (barHeight + gap)
            let length = n == 0 ? 0 : max(2, barArea * Double(n) / largest)
            svg += """
                <g class="bar" data-status="\(status)"><text x="\(Int(labelWidth - 10))" y="\(f(y + 15))" \
                text-anchor="end">\(status)</text><rect x="\(Int(labelWidth))" y="\(f(y))" width="\(f(length))" \
                height="\(Int(barHeight))" rx="3" fill="\(status.reportColour)"><title>\(status): \(n)</title></rect>\
                <text x="\(f(labelWidth + length + 8))" y="\(f(y + 15))" font-weight="600">\
                \(ReportNumber.grouped(n))</text></g>

                """
        }
        return svg + "</svg></figure>\n"
    }

    /// Attempts per time bucket, stacked by outcome, with a legend of totals; x is seconds since the
    /// first attempt. Bursts of 429 and retry waves show up as orange and red in the stacks.
    static func attempts(_ histogram: AttemptHistogram) -> String {
        guard histogram.attempts > 0 else {
            return "<p class=\"empty\" id=\"no-attempts\">No HTTP requests were made in this run.</p>\n"
        }
        let (span, step, buckets, totals) = (histogram.span, histogram.step, histogram.buckets, histogram.totals)
        let bucketCount = buckets.count
        let (width, height, left, bottom, top) = (1000.0, 260.0, 48.0, 32.0, 12.0)
        let plotWidth = width - left - 12, plotHeight = height - bottom - top
        let tallest = max(1, buckets.map { $0.values.reduce(0, +) }.max() ?? 1)
        let barWidth = plotWidth / Double(bucketCount)
        var svg = """
            <figure><svg id="attempts-chart" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" \
            role="img" aria-labelledby="attempts-title"><title id="attempts-title">HTTP attempts per \
            \(seconds(step)) since the first attempt, by result</title>

            """
        for tick in Set([0, tallest / 2, tallest]).sorted() {
            let y = top + plotHeight - plotHeight * Double(tick) / Double(tallest)
            svg += "<line class=\"grid\" x1=\"\(f(left))\" x2=\"\(f(width - 12))\" y1=\"\(f(y))\" y2=\"\(f(y))\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(tick)</text>\n"
        }
        for (index, bucket) in buckets.enumerated() {
            var y = top + plotHeight
            let x = left + Double(index) * barWidth + min(1, barWidth * 0.1)
            let w = max(0.5, barWidth - 2 * min(1, barWidth * 0.1))
            let from = Double(index) * step
            for outcome in AttemptCategory.allCases {
                guard let n = bucket[outcome], n > 0 else { continue }
                let h = plotHeight * Double(n) / Double(tallest)
                y -= h
                svg += """
                    <rect x="\(f(x))" y="\(f(y))" width="\(f(w))" height="\(f(h))" fill="\(outcome.colour)" \
                    data-result="\(outcome.rawValue)"><title>\(seconds(from))–\(seconds(from + step)): \(n) × \
                    \(outcome.rawValue)</title></rect>

                    """
            }
        }
        let axisY = top + plotHeight
        svg += "<line class=\"axis\" x1=\"\(f(left))\" x2=\"\(f(width - 12))\" y1=\"\(f(axisY))\" y2=\"\(f(axisY))\"/>\n"
        let tickStep = max(step, niceSteps.first { $0 >= span / 6 } ?? step)
        for tick in stride(from: 0.0, through: Double(bucketCount) * step + step / 2, by: tickStep) {
            let x = left + tick / step * barWidth
            svg += "<line class=\"axis\" x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(axisY))\" y2=\"\(f(axisY + 4))\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(axisY + 18))\" text-anchor=\"middle\">\(seconds(tick))</text>\n"
        }
        svg += "</svg>\n<ul class=\"legend\" id=\"attempts-legend\">\n"
        for outcome in AttemptCategory.allCases {
            let n = totals[outcome] ?? 0
            svg += "<li style=\"--c: \(outcome.colour)\" data-result=\"\(outcome.rawValue)\">\(outcome.label): "
                + "<strong>\(ReportNumber.grouped(n))</strong></li>\n"
        }
        let rows = histogram.rows
        let retries = histogram.attempts - rows
        svg += """
            </ul>
            <figcaption>\(ReportNumber.grouped(histogram.attempts)) attempts for \(ReportNumber.grouped(rows)) rows \
            (\(ReportNumber.grouped(retries)) retries) over \(ReportNumber.duration(span)); each bar is \
            \(seconds(step)).</figcaption></figure>

            """
        return svg
    }

    /// The smallest "nice" bucket width that keeps the chart at 60 bars or fewer.
    static func bucketSize(for span: Double) -> Double {
        niceSteps.first { span / $0 < 60 } ?? (span / 59).rounded(.up)
    }

    /// Round durations for bucket widths and axis ticks; each divides the larger ones' common uses.
    private static let niceSteps: [Double] = [
        0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600,
    ]

    private static func seconds(_ value: Double) -> String {
        if value >= 120, value.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(value / 60)) min" }
        return value.rounded() == value ? "\(Int(value)) s" : ReportNumber.fixed(value, places: 1) + " s"
    }

    private static func f(_ value: Double) -> String { ReportNumber.fixed(value, places: 1) }
}
