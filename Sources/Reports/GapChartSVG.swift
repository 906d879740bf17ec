/// Test accuracy against the train-test gap, one point per seed group at its means, with the groups' 95%
/// intervals as whiskers (vertical for test accuracy, horizontal for the gap): the overfitting trade-off at a
/// glance, up and to the left being better. Each point is numbered as the report's table numbers the groups and
/// drawn in the group's colour; the legend under the plot names them.
public enum GapChartSVG {
    /// One group's place on the chart.
    public struct Point: Equatable, Sendable {
        /// The test accuracy's and the gap's means; nil for a group without a completed run (listed, not drawn).
        public var accuracy: Double?
        public var gap: Double?
        public var accuracyInterval: ClosedRange<Double>?
        public var gapInterval: ClosedRange<Double>?

        public init(accuracy: Double?, gap: Double?, accuracyInterval: ClosedRange<Double>?, gapInterval: ClosedRange<Double>?) {
            (self.accuracy, self.gap, self.accuracyInterval, self.gapInterval) = (accuracy, gap, accuracyInterval, gapInterval)
        }
    }

    static let width = 960, plotHeight = 380
    static let inset = LearningCurveSVG.Layout.inset

    /// The chart of `points` (group `i` at index `i`, labelled `labels[i]`), as SVG text.
    public static func render(_ points: [Point], labels: [String], style: LearningCurveSVG.Style = .init()) -> String {
        let entries = points.indices.map { index in
            PlottedRun(label: "\(index + 1)  " + labels[index] + (points[index].accuracy == nil ? " (no completed run)" : ""),
                       history: [:])
        }
        let legend = LearningCurveSVG.Legend(runs: entries, top: plotHeight + 8, width: width, keysLineStyles: false)
        var svg = LearningCurveSVG.Document(width: width, height: legend.top + legend.height + 8, embedded: style.embedded)
        let frame = LearningCurveSVG.PlotFrame(left: inset.left, top: inset.top, right: Double(width) - inset.right,
                                               bottom: Double(plotHeight) - inset.bottom)
        let drawn = points.filter { $0.accuracy != nil && $0.gap != nil }
        let xs = drawn.flatMap { [$0.gap!] + ($0.gapInterval.map { [$0.lowerBound, $0.upperBound] } ?? []) }
        let ys = drawn.flatMap { [$0.accuracy!] + ($0.accuracyInterval.map { [$0.lowerBound, $0.upperBound] } ?? []) }
        let axes = ChartAxes(frame: frame, x: PlotScale(covering: xs), y: PlotScale(covering: ys),
                             heading: "test accuracy against the train - test gap (95% intervals)",
                             xTitle: "gap (train - test accuracy, points)", yTitle: "test accuracy")
        svg.append(#"<g class="gap-chart">"#)
        axes.draw(into: &svg)
        if drawn.isEmpty {
            svg.text("no completed run", x: (frame.left + frame.right) / 2, y: (frame.top + frame.bottom) / 2,
                     attributes: ##"text-anchor="middle" fill="#777777""##)
        }
        for (index, point) in points.enumerated() {
            guard let accuracy = point.accuracy, let gap = point.gap else { continue }
            let colour = LearningCurveSVG.colour(ofRun: index), c = SVGNumber.coordinate
            let (x, y) = (axes.xPosition(gap), axes.yPosition(accuracy))
            let stroke = #"stroke="\#(colour)" stroke-width="1.5""#
            svg.append(#"<g class="run-\#(index)">"#)
            if let range = point.accuracyInterval {
                let (low, high) = (axes.yPosition(range.lowerBound), axes.yPosition(range.upperBound))
                svg.line(x, low, x, high, attributes: stroke)
                for end in [low, high] { svg.line(x - 5, end, x + 5, end, attributes: stroke) }
            }
            if let range = point.gapInterval {
                let (low, high) = (axes.xPosition(range.lowerBound), axes.xPosition(range.upperBound))
                svg.line(low, y, high, y, attributes: stroke)
                for end in [low, high] { svg.line(end, y - 5, end, y + 5, attributes: stroke) }
            }
            svg.append(##"<circle cx="\##(c(x))" cy="\##(c(y))" r="5" fill="\##(colour)" stroke="#ffffff" stroke-width="1"/>"##)
            svg.text(String(index + 1), x: x + 7, y: y - 7, attributes: #"font-size="11" fill="\#(colour)""#)
            svg.append("</g>")
        }
        svg.append("</g>")
        legend.draw(into: &svg)
        return svg.finished()
    }
}
