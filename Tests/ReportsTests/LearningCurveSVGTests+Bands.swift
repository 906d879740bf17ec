import Foundation
import FoundationXML
@testable import Reports
import TestSupport
import XCTest

/// Seed bands behind the curves, and long curves: where dots go and how a curve is thinned.
extension LearningCurveSVGTests {
    func testABandIsATranslucentAreaBetweenItsLowsAndHighsBehindTheLine() throws {
        let svg = LearningCurveSVG.render([PlottedRun(label: "group", history: ["loss": [1.0, 0.5, 0.2]],
                                                      bands: ["loss": [0.8...1.2, 0.3...0.7, 0.1...0.3]])])
        let dots = try circles(in: svg, metric: "loss", group: "run-0 train")
        guard dots.count == 3 else { return XCTFail("\(dots.count) dots for 3 epochs") }
        // y of a loss value at epoch 2, from the dots at 1.0 (epoch 1) and 0.5 (epoch 2): the scale is linear.
        func y(_ value: Double) -> Double { dots[1].y + (0.5 - value) * (dots[0].y - dots[1].y) / 0.5 }
        let image = try RenderedImage.render(svg: svg)
        // 18% of the blue over white.
        let tint = RenderedImage.Pixel(red: 209, green: 230, blue: 241)
        // 5 px right of epoch 2, off its grid line and its dot, where the band spans about 0.3 to 0.69; the values
        // sampled are off the grid lines (every 0.2).
        let x = dots[1].x + 5
        XCTAssertLessThan(image.pixel(at: x, y(0.62)).distance(to: tint), 8, "inside the band above the line")
        XCTAssertLessThan(image.pixel(at: x, y(0.35)).distance(to: tint), 8, "inside the band below the line")
        XCTAssertLessThan(image.pixel(at: x, y(0.9)).distance(to: white), 8, "above the band's high")
        XCTAssertLessThan(image.pixel(at: x, y(0.1)).distance(to: white), 8, "below the band's low")
        XCTAssertLessThan(image.pixel(at: dots[1].x, y(0.5)).distance(to: blue), 40, "the mean line on top")
    }

    func testALongCurveKeepsDotsOnlyWhereAPointStandsAloneAndIsThinnedOnRequest() throws {
        var values: [Double?] = (0..<100).map { 1 / Double($0 + 1) }
        values[50] = nil
        values[52] = nil
        let run = PlottedRun(label: "long", history: ["loss": values])
        let dots = try circles(in: LearningCurveSVG.render([run]), metric: "loss", group: "run-0 train")
        XCTAssertEqual(dots.count, 1, "only epoch 52, between two missing values, stands alone")
        let thinned = LearningCurveSVG.render([PlottedRun(label: "long", history: ["loss": (0..<100).map { Double($0) }])],
                                              style: LearningCurveSVG.Style(pointsPerCurve: 10))
        let points = try XMLDocument(xmlString: thinned).nodes(forXPath: "//*[local-name()='polyline']")
            .map { attribute("points", of: $0).split(separator: " ").count }
        XCTAssertEqual(points, [10], "every 11th epoch and the last")
        XCTAssertEqual(LearningCurveSVG.Panel.thinned(Array(1...100), to: 10), [1, 12, 23, 34, 45, 56, 67, 78, 89, 100])
        XCTAssertEqual(LearningCurveSVG.Panel.thinned([1, 2, 3], to: 10), [1, 2, 3])
    }
}
