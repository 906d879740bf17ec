import Foundation
@testable import Reports
import RunStore
import TestSupport
import XCTest

/// The report page as text: its sections, table, escaping and limits. Rendering in a browser is tested in
/// RunnerTests (ReportCommandTests), through the command.
final class HTMLReportTests: XCTestCase {
    /// Two learning rates x seeds 1 and 2; test accuracies 0.95 and 0.96 at 0.001, 0.90 and 0.93 at 0.01.
    func twoByTwo(_ root: URL, edit: (inout RunFolderFixture) -> Void = { _ in }) {
        for (rate, accuracies) in [(0.001, [0.95, 0.96]), (0.01, [0.90, 0.93])] {
            for (seed, accuracy) in zip([1, 2], accuracies) {
                var run = RunFolderFixture(runID: "lr=\(rate),seed=\(seed)-\(seed)000000\(rate == 0.001 ? 1 : 2)")
                run.learningRate = rate
                run.seed = seed
                run.test = (accuracy, 0.2)
                run.confusion = [[3, 1], [0, 4]]
                edit(&run)
                run.write(under: root)
            }
        }
    }

    func page(_ root: URL, baseline: String? = nil) throws -> (page: String, report: HTMLReport) {
        let found = try RunFolderContents.discover([root], skippingDamaged: true)
        let groups = SeedGroups(found.runs)
        let report = HTMLReport(groups: groups, damaged: found.damaged, baseline: baseline.flatMap(groups.group(containing:)),
                                sources: ["results"], commandLine: { $0.joined(separator: " ") })
        return (report.rendered(), report)
    }

    /// The text between the first `start` and the `end` after it.
    func slice(_ text: String, from start: String, to end: String) -> String {
        guard let a = text.range(of: start), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else { return "" }
        return String(text[a.lowerBound..<b.upperBound])
    }

    func testSummaryHasARowPerConfigurationWithItsStatisticsAndSettings() throws {
        let root = TemporaryDirectory()
        twoByTwo(root.url)
        let (page, _) = try page(root.url)
        let body = slice(page, from: #"<table class="sortable summary">"#, to: "</table>")
        let rows = body.components(separatedBy: "<tr>").dropFirst(2)
        XCTAssertEqual(rows.count, 2)
        // Means by hand: (0.95 + 0.96) / 2 and (0.90 + 0.93) / 2; the gap is train 0.96 minus test, in points.
        XCTAssertTrue(rows.first!.hasPrefix(#"<td class="number" data-sort="1.0">1</td><td data-sort="learning_rate=0.001">"#
            + #"<span class="swatch" style="background: #0072B2"></span>learning_rate=0.001</td>"#
            + #"<td class="number" data-sort="2.0">2</td><td class="number" data-sort="0.955">0.9550</td>"#), rows.first!)
        XCTAssertTrue(rows.first!.contains(#"<td class="number" data-sort="0.5">0.50</td>"#), rows.first!)
        XCTAssertTrue(rows.last!.contains(#"#D55E00"></span>learning_rate=0.01</td>"#), rows.last!)
        XCTAssertTrue(rows.last!.contains(#"data-sort="0.915">0.9150</td>"#), rows.last!)
        XCTAssertTrue(rows.last!.hasSuffix("<td>2 completed</td></tr>\n</tbody>\n</table>"), rows.last!)
        XCTAssertFalse(page.contains("verdict against the baseline"), "no baseline, no verdict column")
    }

    func testWithABaselineEachRowHasCompareVerdicts() throws {
        let root = TemporaryDirectory()
        twoByTwo(root.url)
        let (page, report) = try page(root.url, baseline: root.path + "/mnist-dense/lr=0.001,seed=1-10000001")
        XCTAssertEqual(report.statistics.baseline, 0)
        let verdicts = report.statistics.comparisons.map { $0.rows[0].verdictText }
        XCTAssertTrue(page.contains(#"<th scope="col">verdict against the baseline</th>"#))
        XCTAssertTrue(page.contains(#"learning_rate=0.001 <span class="tag">baseline</span></td>"#))
        XCTAssertTrue(page.contains("<td>test accuracy: \(verdicts[0])<br>gap: \(verdicts[1])</td>"), page)
    }

    func testSectionsComeInOrderAndTheChartsAreInlineSVG() throws {
        let root = TemporaryDirectory()
        twoByTwo(root.url)
        let (page, _) = try page(root.url)
        let places = ["summary", "curves", "gap", "confusion", "runs"].map { page.range(of: #"<section id="\#($0)">"#)?.lowerBound }
        XCTAssertFalse(places.contains(nil), "\(places)")
        XCTAssertEqual(places.compactMap { $0 }, places.compactMap { $0 }.sorted())
        XCTAssertEqual(page.components(separatedBy: "<svg ").count - 1, 2, "one learning-curve chart, one gap chart")
        XCTAssertEqual(page.components(separatedBy: "<details>").count - 1, 4, "one collapsed entry per run")
    }

    func testThePageNamesNoURLAndLoadsNothing() throws {
        let root = TemporaryDirectory()
        twoByTwo(root.url)
        let (page, _) = try page(root.url)
        for reference in ["http:", "https:", "//", "xmlns", "src=", "<link", "@import", "url("] {
            XCTAssertFalse(page.contains(reference), reference)
        }
    }

    func testRunJSONTextIsEscaped() throws {
        let root = TemporaryDirectory()
        twoByTwo(root.url)
        let file = root.url.appendingPathComponent("mnist-dense/lr=0.01,seed=2-20000002/run.json")
        let hostile = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: #""experiments/mnist-dense.yaml""#, with: #""</code><script>alert('&')</script>""#)
        try hostile.write(to: file, atomically: true, encoding: .utf8)
        let (page, _) = try page(root.url)
        XCTAssertFalse(page.contains("<script>alert"))
        XCTAssertTrue(page.contains("<dd><code>runner &lt;/code&gt;&lt;script&gt;alert(&apos;&amp;&apos;)&lt;/script&gt;</code></dd>"))
    }

    func testADamagedFolderIsListedAndTheRestReported() throws {
        let root = TemporaryDirectory()
        twoByTwo(root.url)
        let broken = root.url.appendingPathComponent("mnist-dense/lr=0.01,seed=2-20000002/resolved.json")
        try "{ truncated".write(to: broken, atomically: true, encoding: .utf8)
        let (page, report) = try page(root.url)
        XCTAssertEqual(report.runCount, 3)
        let message = try XCTUnwrap(report.damaged.first).description
        XCTAssertTrue(page.contains(#"<div class="damaged"><h3>1 run folder could not be read (left out above)</h3><ul>"#
            + "\n<li><code>\(root.path)/mnist-dense/lr=0.01,seed=2-20000002/resolved.json</code>: "
            + XMLText.escaped(message) + "</li>"), page)
        XCTAssertTrue(message.contains("resolved.json: error: not valid JSON"), message)
    }

    func testAGroupsCurveIsTheMeanOfItsSeedsWithTheirRangeAsBand() throws {
        let root = TemporaryDirectory()
        var a = RunFolderFixture(runID: "seed=1-00000001")
        a.seed = 1
        a.epochs = [[0.5, 1.0, 0.4, 1.2], [0.7, 0.6, 0.6, 0.8], [0.8, 0.5, 0.7, 0.7]]
        a.plannedEpochs = 3
        var b = RunFolderFixture(runID: "seed=2-00000002")
        b.seed = 2
        b.epochs = [[0.3, 1.4, 0.2, 1.6], [0.6, 0.8, 0.5, 1.0]]
        b.plannedEpochs = 3
        for run in [a, b] { run.write(under: root.url) }
        let groups = SeedGroups(try RunFolderContents.discover([root.url]))
        XCTAssertEqual(groups.groups.count, 1)
        let curves = HTMLReport.curves(of: groups.groups[0], label: "g")
        let means = try XCTUnwrap(curves.history["accuracy"])
        XCTAssertEqual(means.count, 3)
        for (mean, expected) in zip(means, [0.4, 0.65, 0.8]) { XCTAssertEqual(try XCTUnwrap(mean), expected, accuracy: 1e-12) }
        XCTAssertEqual(curves.bands["accuracy"]!.map { $0?.lowerBound }, [0.3, 0.6, nil], "epoch 3: one seed, no band")
        XCTAssertEqual(curves.bands["val_loss"]!.map { $0?.upperBound }, [1.6, 1.0, nil])
    }

    func testAGroupsConfusionMatrixAddsItsRunsUpWithPerClassAccuracy() throws {
        let root = TemporaryDirectory()
        twoByTwo(root.url) { run in
            if run.runID.hasPrefix("lr=0.001,seed=2") { run.confusion = [[2, 2], [1, 3]] }
        }
        let (page, _) = try page(root.url)
        let first = slice(page, from: #"<table class="confusion">"#, to: "</table>")
        // [[3, 1], [0, 4]] + [[2, 2], [1, 3]] = [[5, 3], [1, 7]]: shares 5/8, 3/8 and 1/8, 7/8 in tenths.
        XCTAssertEqual(first, #"""
            <table class="confusion">
            <thead><tr><th>true \ predicted</th><th>0</th><th>1</th><th>accuracy</th></tr></thead>
            <tbody>
            <tr><th>0</th><td class="h6 d">5</td><td class="h3">3</td><td class="number">0.6250</td></tr>
            <tr><th>1</th><td class="h1">1</td><td class="h8 d">7</td><td class="number">0.8750</td></tr>
            </tbody>
            </table>
            """#)
        XCTAssertTrue(page.contains(#"<p class="note">2 runs, 16 test predictions.</p>"#))
    }

    func testTheSameFoldersGiveTheSameBytes() throws {
        let root = TemporaryDirectory()
        twoByTwo(root.url)
        XCTAssertEqual(try page(root.url).page, try page(root.url).page)
    }

    func testManyLongRunsAreThinnedAndStayUnderTwoMegabytes() throws {
        let root = TemporaryDirectory()
        // One folder written, 199 copies with their own model width: writing 300 epochs of history 200 times
        // through the fixture's text would take seconds.
        var template = RunFolderFixture(runID: "units=0-00000000")
        template.plannedEpochs = 300
        template.epochs = (0..<300).map { (e: Int) -> [Double?] in
            let x = Double(e)
            return [0.5 + x / 1000, 1 / (x + 1), 0.5 + x / 1200, 1.1 / (x + 1)]
        }
        template.confusion = (0..<10).map { (i: Int) -> [Int] in (0..<10).map { (j: Int) -> Int in i == j ? 900 + i : i + j } }
        let source = template.write(under: root.url)
        for index in 1..<200 {
            var run = RunFolderFixture(runID: "units=\(index)-\(String(format: "%08d", index))")
            run.units = index + 1
            run.plannedEpochs = 300
            let folder = source.deletingLastPathComponent().appendingPathComponent(run.runID)
            try FileManager.default.copyItem(at: source, to: folder)
            try run.resolvedJSON.write(to: folder.appendingPathComponent("resolved.json"), atomically: false, encoding: .utf8)
            try run.runJSON.write(to: folder.appendingPathComponent("run.json"), atomically: false, encoding: .utf8)
        }
        let (page, _) = try page(root.url)
        XCTAssertLessThan(page.utf8.count, 2_000_000)
        XCTAssertTrue(page.contains("Curves are thinned to about 37 points each"), "200 groups x 4 curves share 30,000 points")
        XCTAssertEqual(page.components(separatedBy: "<svg ").count - 1, 30, "29 charts of up to 7 groups, and the gap chart")
    }
}
