import Foundation
import Testing

@testable import GuestList

@Suite struct HTMLReportWriterTests {
    let html = try! HTMLReportWriter().render(ReportFixtures.small)

    @Test func titleNamesThePipelineAndTheRun() throws {
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>guestlist report: spring-summit, run r-0001</title>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
    }

    @Test func pageIsSelfContained() throws {
        for external in ["src=", "href=", "url(", "@import", "<link", "https://", "//fonts."] {
            #expect(!html.contains(external), "the page must not load \(external)")
        }
        #expect(html.contains("Content-Security-Policy"))
    }

    @Test func countsAndChartsArePresent() throws {
        #expect(html.contains("<ul class=\"counts\" id=\"counts\">"))
        #expect(html.contains("<span class=\"n\">6</span><span class=\"label\">total rows</span>"))
        #expect(html.contains("<svg id=\"outcomes-chart\""))
        #expect(html.contains("<svg id=\"attempts-chart\""))
        for status in RowStatus.allCases { #expect(html.contains("<g class=\"bar\" data-status=\"\(status)\">")) }
        #expect(html.contains("data-result=\"429\""))
        #expect(html.contains("data-result=\"no answer\""))
    }

    @Test func tableListsOnlyRowsThatNeedAttention() throws {
        let tableRows = html.components(separatedBy: "<tr data-status=").dropFirst().map { $0.prefix(12) }
        #expect(tableRows.map { String($0.split(separator: "\"")[0]) } == ["conflict", "invalid", "duplicate", "failed"])
        #expect(!html.contains("Skip Me"))
        #expect(!html.contains("taro@example.com"))
        #expect(html.contains("⚠ domain may be a typo"))
    }

    /// Guest names come from strangers: none may reach the page as markup.
    @Test func everyValueIsEscaped() throws {
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Jane &quot;JJ&quot; Doe"))
        #expect(html.components(separatedBy: "<script>").count == 2, "only the page's own script")
        let hostile = RunInfo(
            id: "\"><img>", pipeline: "<b>p</b>", source: "s&s", startedAt: "t", finishedAt: nil,
            counts: StatusCounts(), encoding: "<e>", sourceFault: "<fault '1'>")
        let page = try HTMLReportWriter().render(RunReport(run: hostile, rows: []))
        #expect(!page.contains("<img>") && !page.contains("<b>p</b>") && !page.contains("<e>"))
        #expect(page.contains("&lt;fault &#39;1&#39;&gt;"))
    }

    @Test func notesTheSourceFaultEncodingAndChange() throws {
        let page = try HTMLReportWriter().render(ReportFixtures.large())
        #expect(page.contains("id=\"source-fault\""))
        #expect(page.contains("unclosed tag &lt;guest&gt;"))
        #expect(page.contains("id=\"source-changed\""))
        #expect(page.contains("<dd>shift_jis</dd>"))
        #expect(page.contains("not finished (1 row pending)"))
        #expect(!html.contains("id=\"source-fault\"") && !html.contains("id=\"source-changed\""))
    }

    @Test func saysSoWhenThereWereNoAttemptsOrProblems() throws {
        var run = ReportFixtures.run
        run.counts = StatusCounts()
        run.counts.created = 1
        let clean = RunReport(run: run, rows: [ReportFixtures.rows[0]])
        let page = try HTMLReportWriter().render(clean)
        #expect(page.contains("id=\"no-attempts\""))
        #expect(page.contains("id=\"no-problems\""))
        #expect(!page.contains("<table"))
    }

    @Test(arguments: [(0.0, 0.1), (5.9, 0.1), (6.0, 0.2), (59, 1), (600, 15), (86_400, 1800)])
    func bucketsStayUnderSixtyBars(span: Double, expected: Double) {
        #expect(HTMLCharts.bucketSize(for: span) == expected)
        #expect(span / HTMLCharts.bucketSize(for: span) < 60)
    }

    /// A page lists at most `maxProblemRows` rows and says how many more there are and where they are.
    @Test func longListsAreCutWithACount() throws {
        var writer = HTMLReportWriter()
        writer.maxProblemRows = 2
        let page = try writer.render(ReportFixtures.small)
        #expect(page.components(separatedBy: "<tr data-status=").count - 1 == 2)
        #expect(page.contains("Rows that need attention (4)"))
        #expect(page.contains("lists the first 2 of these rows; 2 more are in the CSV export"))
        #expect(page.contains("--status conflict,invalid,duplicate,failed"))
        #expect(try !HTMLReportWriter().render(ReportFixtures.small).contains("id=\"truncated\""))
    }
}
