import Foundation
import TestSupport
import XCTest

/// `runner plot` from run folders to a picture: the file it writes, rendered, and its mistakes.
final class PlotCommandTests: XCTestCase {
    func testTwoRunsGiveOneSVGWithACurveInEachRunsColour() throws {
        let root = TemporaryDirectory()
        let results = root.url.appendingPathComponent("results")
        var a = RunFolderFixture(runID: "lr=0.01-1a2b3c4d")
        a.learningRate = 0.01
        a.write(under: results)
        var b = RunFolderFixture(runID: "lr=0.001-5e6f7a8b")
        b.epochs = [[0.8, 0.6, 0.85, 0.5], [0.85, 0.5, 0.86, 0.45]]
        b.write(under: results)
        let r = try RunnerProcess.run(["plot", "results", "-o", "curves.svg"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Wrote curves.svg (2 runs)\n")
        let svg = try String(contentsOf: root.url.appendingPathComponent("curves.svg"), encoding: .utf8)
        // Labelled by the setting that differs, in path order (lr=0.001-... before lr=0.01-...), not by run id.
        // Two entries of two columns across the 960 px: the second starts at the middle.
        XCTAssertTrue(svg.contains(#"<text x="52.00" y="380.00" class="run-0">learning_rate=0.001</text>"#), svg)
        XCTAssertTrue(svg.contains(#"<text x="516.00" y="380.00" class="run-1">learning_rate=0.01</text>"#), svg)
        XCTAssertFalse(svg.contains("1a2b3c4d") || svg.contains("5e6f7a8b"))
        let image = try RenderedImage.render(svg: svg)
        var counts = [0, 0]
        let colours = [RenderedImage.Pixel(hex: "#0072B2"), RenderedImage.Pixel(hex: "#D55E00")]
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = image.pixel(x: x, y: y)
                for (i, c) in colours.enumerated() where p.distance(to: c) < 40 { counts[i] += 1 }
            }
        }
        XCTAssertGreaterThan(counts[0], 200, "first run's colour drawn")
        XCTAssertGreaterThan(counts[1], 200, "second run's colour drawn")
    }

    func testAPathThatIsNotARunFolderIsAClearErrorAndWritesNothing() throws {
        let root = TemporaryDirectory()
        let r = try RunnerProcess.run(["plot", "nothere", "-o", "curves.svg"], in: root.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "nothere: error: no such file or folder; give a run folder (results/NAME/RUN_ID) or a folder holding run folders\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), [])
    }
}
