import Foundation
import FoundationXML
@testable import Reports
import RunStore
import TestSupport
import XCTest

/// The SVG as text and XML, and the tick arithmetic behind it.
extension LearningCurveSVGTests {
    func testOutputIsAFunctionOfTheInput() {
        var reordered: [String: [Double?]] = [:]
        for key in ["val_loss", "loss", "val_accuracy", "accuracy"] { reordered[key] = Self.twoRuns[0].history[key] }
        let first = LearningCurveSVG.render(Self.twoRuns, title: "t")
        XCTAssertEqual(first, LearningCurveSVG.render([PlottedRun(label: "lr=0.001", history: reordered), Self.twoRuns[1]], title: "t"))
        XCTAssertNotEqual(first, LearningCurveSVG.render(Self.twoRuns.reversed(), title: "t"))
    }

    func testPanelsAreAccuracyThenLossThenOtherMetrics() throws {
        let lossOnly = LearningCurveSVG.render([PlottedRun(label: "mse", history: ["loss": [3, 2], "val_loss": [4, 3]])])
        XCTAssertEqual(try panels(in: lossOnly), ["loss"])
        XCTAssertTrue(attribute("viewBox", of: try XMLDocument(xmlString: lossOnly).rootElement()).hasPrefix("0 0 480 "), "one panel wide")
        XCTAssertEqual(try panels(in: LearningCurveSVG.render(Self.twoRuns)), ["accuracy", "loss"])
        let withRate = PlottedRun(label: "r", history: ["loss": [1], "learning_rate": [0.01], "val_mae": [0.2], "accuracy": [0.5]])
        XCTAssertEqual(try panels(in: LearningCurveSVG.render([withRate])), ["accuracy", "loss", "learning_rate", "mae"])
    }

    func testAxesHaveTitlesAndRoundTicks() throws {
        let texts = try strings(in: LearningCurveSVG.render(Self.twoRuns), xpath: "//*[local-name()='g'][@data-metric='loss']//*[local-name()='text']")
        XCTAssertEqual(texts.filter { $0 == "epoch" }.count, 1)
        XCTAssertEqual(texts.filter { $0 == "loss" }.count, 2, "heading and y-axis title")
        // Loss spans 0.3 ... 2.1: steps of 0.5 from 0 to 2.5; three epochs: ticks 1, 2, 3.
        XCTAssertEqual(texts.filter { $0.contains(".") }, ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        XCTAssertEqual(texts.filter { Int($0) != nil }, ["1", "2", "3"])
    }

    func testLegendNamesEveryRunAndTheLineStyles() throws {
        let label = #"a<b & "c" 'd'"#
        let svg = LearningCurveSVG.render([PlottedRun(label: "lr=0.001", history: ["loss": [0.5, 0.4]]),
                                           PlottedRun(label: label, history: ["loss": [0.6, 0.3]])])
        let legend = try strings(in: svg, xpath: "//*[local-name()='g'][@class='legend']/*[local-name()='text']")
        XCTAssertEqual(legend, ["train", "validation (val_*)", "lr=0.001", label])
        XCTAssertNoThrow(try RenderedImage.render(svg: svg))
    }

    func testARunWithTheSameCurvesAsAnEarlierOneSaysWhichItHides() throws {
        let loss = ["loss": [0.5, 0.4]]
        let svg = LearningCurveSVG.render([PlottedRun(label: "a", history: loss), PlottedRun(label: "b", history: ["loss": [0.5, 0.3]]),
                                           PlottedRun(label: "c", history: loss)])
        XCTAssertEqual(try strings(in: svg, xpath: "//*[local-name()='g'][@class='legend']/*[local-name()='text']").dropFirst(2),
                       ["a", "b", "c (same curves as a, hidden under it)"])
    }

    func testLegendSpreadsAcrossTheWholeWidthInColumns() throws {
        let runs = (0..<4).map { PlottedRun(label: "learning_rate=0.00\($0)", history: ["loss": [1, Double($0)], "accuracy": [0.5, 0.6]]) }
        let svg = LearningCurveSVG.render(runs)
        let width = Double(attribute("viewBox", of: try XMLDocument(xmlString: svg).rootElement()).split(separator: " ")[2])!
        let places = try XMLDocument(xmlString: svg).nodes(forXPath: "//*[local-name()='g'][@class='legend']/*[local-name()='text'][starts-with(@class, 'run-')]")
            .map { (x: Double(attribute("x", of: $0))!, y: Double(attribute("y", of: $0))!) }
        XCTAssertEqual(places.count, 4)
        // Two panels are 960 px wide; labels of 19 characters fit four 232 px columns, so all four share one row.
        XCTAssertEqual(Set(places.map(\.y)).count, 1, "one row: \(places)")
        XCTAssertGreaterThan(places.last!.x, width / 2, "the last entry sits in the right half")
        XCTAssertEqual(places.map(\.x), places.map(\.x).sorted())
    }

    func testEmbeddedSVGNamesNoNamespaceAndNoURL() {
        let svg = LearningCurveSVG.render(Self.twoRuns, style: LearningCurveSVG.Style(embedded: true))
        XCTAssertTrue(svg.hasPrefix("<svg width=\"100%\" viewBox=\"0 0 960 "), String(svg.prefix(80)))
        XCTAssertFalse(svg.contains("//") || svg.contains("xmlns") || svg.contains("<?xml"))
        XCTAssertTrue(LearningCurveSVG.render(Self.twoRuns).contains(#"<svg xmlns="http://www.w3.org/2000/svg" width="100%""#))
    }

    func testControlCharactersCannotBreakTheXML() throws {
        let svg = LearningCurveSVG.render([PlottedRun(label: "tab\tbell\u{7}nul\u{0}", history: [:])], title: "\u{1B}[1m")
        XCTAssertEqual(try strings(in: svg, xpath: "//*[local-name()='g'][@class='legend']/*[local-name()='text']").last,
                       "tab\tbell\u{FFFD}nul\u{FFFD}")
    }

    func testDegenerateInputsGiveFiniteCoordinates() throws {
        let cases: [String: [PlottedRun]] = [
            "no runs": [],
            "empty history": [PlottedRun(label: "x", history: [:])],
            "all missing": [PlottedRun(label: "x", history: ["loss": [nil, nil], "accuracy": [nil]])],
            "one point": [PlottedRun(label: "x", history: ["loss": [0.5]])],
            "constant": [PlottedRun(label: "x", history: ["loss": [2, 2, 2], "val_loss": [2, 2, 2]])],
            "constant zero": [PlottedRun(label: "x", history: ["loss": [0, 0]])],
            "non-finite": [PlottedRun(label: "x", history: ["loss": [.nan, .infinity, 1, -.infinity]])],
            "extremes": [PlottedRun(label: "x", history: ["loss": [-.greatestFiniteMagnitude, .greatestFiniteMagnitude, 1e-300]])],
            "gap": [PlottedRun(label: "x", history: ["loss": [1, nil, 0.5, 0.4]])],
        ]
        for (name, runs) in cases.sorted(by: { $0.key < $1.key }) {
            let svg = LearningCurveSVG.render(runs)
            XCTAssertNoThrow(try XMLDocument(xmlString: svg), name)
            for bad in ["nan", "inf", "NaN"] {
                XCTAssertFalse(svg.contains(bad), "\(name): \(bad) in\n\(svg)")
            }
        }
        XCTAssertNoThrow(try RenderedImage.render(svg: LearningCurveSVG.render([])))
    }

    func testColoursCycleAfterThePalette() {
        let count = LearningCurveSVG.palette.count
        XCTAssertEqual(LearningCurveSVG.colour(ofRun: count), LearningCurveSVG.palette[0])
        XCTAssertEqual(Set(LearningCurveSVG.palette).count, count)
    }

    func testTicksStepByOneTwoOrFiveTimesAPowerOfTen() {
        // Mantissas away from the rounding thresholds 1.5, 3 and 7, where a last-bit error could tip the choice.
        XCTAssertEqual([0.18, 0.35, 0.8, 1, 2.1, 0.0012, 4500].map(PlotScale.niceStep), [0.2, 0.5, 1, 1, 2, 0.001, 5000])
        let accuracy = PlotScale(covering: [0.93, 0.97, 0.995])
        XCTAssertEqual(accuracy.ticks.map(accuracy.label), ["0.92", "0.94", "0.96", "0.98", "1.00"])
        let constant = PlotScale(covering: [2, 2, .nan])
        XCTAssertEqual(constant.ticks.map(constant.label), ["1.8", "1.9", "2.0", "2.1", "2.2"])
        let empty = PlotScale(covering: [Double]())
        XCTAssertEqual(empty.ticks.map(empty.label), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let diverging = PlotScale(covering: [0.5, 3e7])
        XCTAssertEqual(diverging.ticks.map(diverging.label), ["0.0e+00", "1.0e+07", "2.0e+07", "3.0e+07"])
    }

    func testEpochTicksAreWholeEpochsCountedFromOne() {
        XCTAssertEqual(PlotScale(epochs: 1).ticks, [1])
        XCTAssertEqual(PlotScale(epochs: 0).ticks, [1])
        XCTAssertEqual(PlotScale(epochs: 3).ticks, [1, 2, 3])
        XCTAssertEqual(PlotScale(epochs: 10).ticks, [2, 4, 6, 8, 10])
        XCTAssertEqual(PlotScale(epochs: 250).ticks, [50, 100, 150, 200, 250])
    }

    func testPositionsStayInsideTheirPixelsAndNeverNaN() {
        let scale = PlotScale(covering: [0, 10])
        XCTAssertEqual(scale.position(of: 5, in: 100...200), 150)
        XCTAssertEqual(scale.position(of: .nan, in: 100...200), 100)
        XCTAssertEqual(scale.position(of: .infinity, in: 100...200), 200)
        let extreme = PlotScale(covering: [-Double.greatestFiniteMagnitude, .greatestFiniteMagnitude])
        XCTAssertEqual(extreme.position(of: 0, in: 0...100), 50)
    }
}
