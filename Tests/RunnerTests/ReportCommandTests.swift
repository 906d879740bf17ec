import Foundation
import TestSupport
import XCTest

/// `runner report` as a user runs it, and the page it writes as Chromium shows it.
final class ReportCommandTests: XCTestCase {
    /// Two learning rates x seeds 1 and 2 of the tiny experiment (3 epochs), trained into `results/`.
    func twoByTwo() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory("runner-report")
        TinyIDXDataset.write(into: folder)
        folder.write("x.yaml", TinyIDXDataset.experiment(epochs: 3))
        let sweep = try RunnerProcess.run(["sweep", "x.yaml", "--grid", "compile.optimizer.learning_rate=0.01,0.5", "--seeds", "2",
                                           "--jobs", "2"], in: folder.url)
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        return folder
    }

    func runFolders(_ folder: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path + "/results/tiny").filter { !$0.hasPrefix(".") && $0 != "latest" }.sorted()
    }

    /// The acceptance: one file under 2 MB naming no URL; in Chromium a row per configuration, the charts, no console
    /// message, the script run to its end, and a screenshot showing both configurations' colours.
    func testTwoConfigurationsOfTwoSeedsMakeOnePageChromiumRenders() throws {
        let folder = try twoByTwo()
        let r = try RunnerProcess.run(["report", "-o", "report.html"], in: folder.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let file = folder.path + "/report.html"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        XCTAssertEqual(r.stdout, "Wrote report.html (4 runs in 2 configurations; \((bytes.count + 1023) / 1024) KB)\n")
        XCTAssertLessThanOrEqual(bytes.count, 2_000_000)
        let page = String(decoding: bytes, as: UTF8.self)
        for reference in ["http:", "https:", "//"] { XCTAssertFalse(page.contains(reference), reference) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["data", "report.html", "results", "x.yaml"])

        let rendered = try HeadlessChromium.dumpDOM(file)
        XCTAssertEqual(rendered.console, [], "console messages (errors, uncaught exceptions)")
        XCTAssertTrue(rendered.dom.contains(#"<html lang="en" class="js" data-script="ready">"#), "the script ran to its end")
        let summary = rendered.dom.components(separatedBy: #"<table class="sortable summary">"#).last?
            .components(separatedBy: "</table>").first ?? ""
        let rows = summary.components(separatedBy: "<tbody>").last?.components(separatedBy: "<tr>").dropFirst() ?? []
        XCTAssertEqual(rows.count, 2, "a row per configuration")
        XCTAssertTrue(rows.first?.contains(">learning_rate=0.01</td>") ?? false, rows.first ?? "")
        XCTAssertTrue(rows.last?.contains(">learning_rate=0.5</td>") ?? false, rows.last ?? "")
        XCTAssertEqual(rendered.dom.components(separatedBy: "<svg ").count - 1, 2, "learning curves and the gap chart")
        XCTAssertEqual(rendered.dom.components(separatedBy: "<details>").count - 1, 4, "a collapsed entry per run")
        XCTAssertTrue(rendered.dom.contains("<button type=\"button\">Open all runs</button>"))

        let image = try HeadlessChromium.screenshot(file, width: 1200, height: 2000)
        XCTAssertEqual(image.width, 1200)
        XCTAssertEqual(image.pixel(x: 5, y: 5), RenderedImage.Pixel(red: 255, green: 255, blue: 255), "a white page")
        var colours = Set<UInt32>(), first = 0, second = 0
        let (blue, vermillion) = (RenderedImage.Pixel(hex: "#0072B2"), RenderedImage.Pixel(hex: "#D55E00"))
        for y in stride(from: 0, to: image.height, by: 2) {
            for x in stride(from: 0, to: image.width, by: 2) {
                let p = image.pixel(x: x, y: y)
                colours.insert(UInt32(p.red) << 16 | UInt32(p.green) << 8 | UInt32(p.blue))
                if p.distance(to: blue) < 30 { first += 1 }
                if p.distance(to: vermillion) < 30 { second += 1 }
            }
        }
        XCTAssertGreaterThan(colours.count, 200, "not blank: text, charts and shades")
        XCTAssertGreaterThan(first, 150, "the first configuration's blue (a quarter of its pixels sampled)")
        XCTAssertGreaterThan(second, 150, "the second configuration's vermillion")
    }

    func testADamagedRunFolderIsListedAsDamagedNotFatal() throws {
        let folder = try twoByTwo()
        let damaged = try runFolders(folder)[3]
        folder.write("results/tiny/\(damaged)/run.json", "{\"status\": ")
        let r = try RunnerProcess.run(["report", "-o", "report.html"], in: folder.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let message = "results/tiny/\(damaged)/run.json: warning: not valid JSON"
        XCTAssertTrue(r.stderr.hasPrefix(message), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("; the file is damaged: run the experiment again with --force to rewrite the run folder "
            + "(listed as damaged in the report)\n"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1)
        XCTAssertTrue(r.stdout.hasPrefix("Wrote report.html (3 runs in 2 configurations, 1 damaged; "), r.stdout)
        let page = try String(contentsOfFile: folder.path + "/report.html", encoding: .utf8)
        XCTAssertTrue(page.contains("<h3>1 run folder could not be read (left out above)</h3>"))
        XCTAssertTrue(page.contains("<li><code>results/tiny/\(damaged)/run.json</code>: results/tiny/\(damaged)/run.json: error: not valid JSON"))
    }

    func testABaselineComparesTheOtherConfiguration() throws {
        let folder = try twoByTwo()
        let baseline = "results/tiny/" + (try runFolders(folder)[0])
        let r = try RunnerProcess.run(["report", "--baseline", baseline, "-o", "r.html"], in: folder.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let page = try String(contentsOfFile: folder.path + "/r.html", encoding: .utf8)
        XCTAssertTrue(page.contains(#"learning_rate=0.01 <span class="tag">baseline</span></td>"#))
        let compare = try RunnerProcess.run(["compare", "--baseline", baseline, "--format", "json"], in: folder.url)
        let groups = try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [[String: Any]] ?? []
        let versus = try XCTUnwrap(groups.last?["versus_baseline"] as? [String: [String: Any]])
        let verdict = try XCTUnwrap(versus["test_accuracy"]?["verdict"] as? String)
        XCTAssertTrue(page.contains("<td>test accuracy: \(verdict)"), "compare's verdict, \(verdict)")
    }

    func testMistakesAreClearErrorsAndWriteNothing() throws {
        let folder = try twoByTwo()
        let cases: [([String], Int32, String)] = [
            (["report", "nothere"], 2,
             "nothere: error: no such file or folder; give a run folder (results/NAME/RUN_ID) or a folder holding run folders\n"),
            (["report", "data"], 2, "data: error: no run folders found under this folder; "
                + "run an experiment first (runner EXP.yaml), or give the --results folder it wrote to\n"),
            (["report", "--baseline", "x.yaml"], 2, "error: --baseline 'x.yaml' is not one of the runs compared; give one of their run folders\n"),
        ]
        for (arguments, status, stderr) in cases {
            let r = try RunnerProcess.run(arguments, in: folder.url)
            XCTAssertEqual(r.status, status, "\(arguments)")
            XCTAssertEqual(r.stderr, stderr, "\(arguments)")
            XCTAssertEqual(r.stdout, "", "\(arguments)")
        }
        folder.write("broken/tiny/run-1/resolved.json", "{}")
        folder.write("broken/tiny/run-1/run.json", "[")
        let nothingReadable = try RunnerProcess.run(["report", "broken"], in: folder.url)
        XCTAssertEqual(nothingReadable.status, 2)
        XCTAssertTrue(nothingReadable.stderr.hasPrefix("broken/tiny/run-1/run.json: warning: not valid JSON"), nothingReadable.stderr)
        XCTAssertTrue(nothingReadable.stderr.hasSuffix("(listed as damaged in the report)\nerror: no run folder could be read\n"),
                      nothingReadable.stderr)
        let unwritable = try RunnerProcess.run(["report", "-o", "x.yaml/report.html"], in: folder.url)
        XCTAssertEqual(unwritable.status, 1)
        XCTAssertTrue(unwritable.stderr.hasPrefix("error: cannot write 'x.yaml/report.html': "), unwritable.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["broken", "data", "results", "x.yaml"])
    }
}
