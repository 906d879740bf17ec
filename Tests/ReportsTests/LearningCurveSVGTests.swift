import Foundation
import FoundationXML
@testable import Reports
import RunStore
import TestSupport
import XCTest

final class LearningCurveSVGTests: XCTestCase {
    let white = RenderedImage.Pixel(red: 255, green: 255, blue: 255)
    let blue = RenderedImage.Pixel(hex: LearningCurveSVG.palette[0])
    let vermillion = RenderedImage.Pixel(hex: LearningCurveSVG.palette[1])

    static let twoRuns = [
        PlottedRun(label: "lr=0.001", history: [
            "accuracy": [0.80, 0.90, 0.95], "val_accuracy": [0.78, 0.86, 0.88],
            "loss": [0.9, 0.5, 0.3], "val_loss": [0.95, 0.6, 0.45],
        ]),
        PlottedRun(label: "lr=0.1", history: [
            "accuracy": [0.50, 0.60, 0.65], "val_accuracy": [0.45, 0.55, 0.58],
            "loss": [2.0, 1.6, 1.4], "val_loss": [2.1, 1.8, 1.7],
        ]),
    ]

    /// The two-run picture, drawn once: decoding a PNG in a debug build takes about a tenth of a second.
    static let twoRunsPicture = Result { try RenderedImage.render(svg: LearningCurveSVG.render(twoRuns, title: "mnist-dense")) }

    // MARK: The rendered picture

    func testPictureHasItsViewBoxSizeOnAWhiteBackgroundAndScalesInABrowser() throws {
        let root = try XMLDocument(xmlString: LearningCurveSVG.render(Self.twoRuns, title: "mnist-dense")).rootElement()
        let image = try Self.twoRunsPicture.get()
        XCTAssertEqual(attribute("viewBox", of: root), "0 0 \(image.width) \(image.height)")
        XCTAssertEqual(image.width, 960)
        // No fixed size: a browser fills the window's width up to the drawn size, keeping the proportions.
        XCTAssertEqual(attribute("width", of: root), "100%")
        XCTAssertEqual(attribute("height", of: root), "")
        XCTAssertEqual(attribute("style", of: root), "max-width: 960px")
        for (x, y) in [(0, 0), (image.width - 1, 0), (0, image.height - 1), (image.width - 1, image.height - 1)] {
            XCTAssertEqual(image.pixel(x: x, y: y), white, "corner (\(x), \(y))")
        }
    }

    func testEachRunIsDrawnInItsOwnColourAndNoOther() throws {
        let image = try Self.twoRunsPicture.get()
        let green = RenderedImage.Pixel(hex: LearningCurveSVG.palette[2])
        let found = counts(near: [blue, vermillion, green], in: image)
        XCTAssertGreaterThan(found[0], 200, "first run's blue")
        XCTAssertGreaterThan(found[1], 200, "second run's vermillion")
        XCTAssertEqual(found[2], 0, "a third colour appears with only two runs")
    }

    func testTrainCurvePassesThroughItsPointsAndNowhereElse() throws {
        let svg = LearningCurveSVG.render([PlottedRun(label: "a", history: ["loss": [1.0, 0.2]])])
        let dots = try circles(in: svg, metric: "loss", group: "run-0 train")
        guard dots.count == 2 else { return XCTFail("\(dots.count) dots for 2 epochs") }
        XCTAssertTrue(dots[0].x < dots[1].x && dots[0].y < dots[1].y, "loss 1.0 at epoch 1 sits left of and above 0.2")
        let image = try RenderedImage.render(svg: svg)
        let middle = ((dots[0].x + dots[1].x) / 2, (dots[0].y + dots[1].y) / 2)
        XCTAssertLessThan(image.pixel(at: dots[0].x, dots[0].y).distance(to: blue), 40, "first point")
        XCTAssertLessThan(image.pixel(at: dots[1].x, dots[1].y).distance(to: blue), 40, "last point")
        XCTAssertLessThan(image.pixel(at: middle.0, middle.1).distance(to: blue), 60, "the line between them")
        XCTAssertGreaterThan(image.pixel(at: middle.0, middle.1 - 30).distance(to: blue), 100, "30 px above the line")
    }

    func testValidationCurveIsDashedAndTrainCurveIsSolid() throws {
        // Flat curves lie along pixel rows, so every pixel between two points is either drawn or a gap.
        let svg = LearningCurveSVG.render([PlottedRun(label: "a", history: [
            "loss": [0.3, 0.3, 0.3], "val_loss": [0.7, 0.7, 0.7],
        ])])
        let image = try RenderedImage.render(svg: svg)
        let train = try samples(of: circles(in: svg, metric: "loss", group: "run-0 train"), in: image)
        let validation = try samples(of: circles(in: svg, metric: "loss", group: "run-0 validation"), in: image)
        XCTAssertEqual(train.filter { $0.distance(to: blue) > 60 }, [], "gaps in the solid train line")
        let drawn = validation.filter { $0.distance(to: blue) < 60 }.count
        let gaps = validation.filter { $0.distance(to: blue) > 150 }.count
        XCTAssertGreaterThan(drawn, validation.count / 3, "validation line mostly missing")
        XCTAssertGreaterThan(gaps, validation.count / 5, "validation line has no gaps")
    }

    func testSingleEpochRunShowsAsADot() throws {
        let svg = LearningCurveSVG.render([PlottedRun(label: "one", history: ["loss": [0.5]])])
        let dot = try XCTUnwrap(circles(in: svg, metric: "loss", group: "run-0 train").first)
        let image = try RenderedImage.render(svg: svg)
        XCTAssertLessThan(image.pixel(at: dot.x, dot.y).distance(to: blue), 40)
    }

    func testMalformedSVGIsRefusedByTheRenderer() {
        let svg = LearningCurveSVG.render(Self.twoRuns)
        let broken = svg.replacingOccurrences(of: "lr=0.1<", with: "lr=0.1 & <")
        XCTAssertNotEqual(broken, svg, "the label to break is not in the picture")
        XCTAssertThrowsError(try RenderedImage.render(svg: broken)) { error in
            XCTAssertTrue("\(error)".hasPrefix("rsvg-convert exited with"), "\(error)")
        }
    }

    // MARK: Helpers

    /// How many pixels lie within 24 per channel of each colour, in one pass: this runs in a debug build, where
    /// building a `Pixel` per position would take a second.
    func counts(near colours: [RenderedImage.Pixel], in image: RenderedImage) -> [Int] {
        let targets = colours.flatMap { [$0.red, $0.green, $0.blue].map(Int.init) }
        var found = [Int](repeating: 0, count: colours.count)
        image.rgba.withUnsafeBufferPointer { bytes in
            targets.withUnsafeBufferPointer { targets in
                found.withUnsafeMutableBufferPointer { found in
                    var at = 0
                    while at < bytes.count {
                        let (red, green, blue) = (Int(bytes[at]), Int(bytes[at + 1]), Int(bytes[at + 2]))
                        var colour = 0
                        while colour < found.count {
                            let target = 3 * colour
                            if abs(red - targets[target]) < 24, abs(green - targets[target + 1]) < 24,
                               abs(blue - targets[target + 2]) < 24, bytes[at + 3] == 255 {
                                found[colour] += 1
                            }
                            colour += 1
                        }
                        at += 4
                    }
                }
            }
        }
        return found
    }

    /// The centres of the dots of one curve (`group` is its class, e.g. `run-0 validation`) in one panel.
    func circles(in svg: String, metric: String, group: String) throws -> [(x: Double, y: Double)] {
        let path = "//*[local-name()='g'][@data-metric='\(metric)']//*[local-name()='g'][@class='\(group)']/*[local-name()='circle']"
        return try XMLDocument(xmlString: svg).nodes(forXPath: path).map { node in
            let element = node as! XMLElement
            return (Double(attribute("cx", of: element)) ?? .nan, Double(attribute("cy", of: element)) ?? .nan)
        }
    }

    /// The pixels along a flat curve from its first dot to its last, leaving out the dots themselves.
    func samples(of dots: [(x: Double, y: Double)], in image: RenderedImage) -> [RenderedImage.Pixel] {
        guard let first = dots.first, let last = dots.last else { return [] }
        return stride(from: first.x + 6, to: last.x - 6, by: 1).map { image.pixel(at: $0, first.y) }
    }

    /// An attribute's value ("" when absent), looked up in the attribute list: on Linux,
    /// `XMLElement.attribute(forName:)` finds nothing on elements under a default namespace.
    func attribute(_ name: String, of node: XMLNode?) -> String {
        (node as? XMLElement)?.attributes?.first { $0.name == name }?.stringValue ?? ""
    }

    func panels(in svg: String) throws -> [String] {
        try XMLDocument(xmlString: svg).nodes(forXPath: "//*[local-name()='g'][@class='panel']").map {
            attribute("data-metric", of: $0)
        }
    }

    func strings(in svg: String, xpath: String) throws -> [String] {
        try XMLDocument(xmlString: svg).nodes(forXPath: xpath).map { $0.stringValue ?? "" }
    }
}
