import RunStore
extension LearningCurveSVG {
    /// One metric's panel: grid, axes with ticks and titles, then every run's train and validation curve.
    struct Panel {
        let metric: String
        let runs: [PlottedRun]
        let epochs: PlotScale
        let frame: PlotFrame

        /// The finite values of `key` in `run`, each with its epoch (counted from 1).
        static func points(of run: PlottedRun, key: String) -> [(epoch: Int, value: Double)?] {
            (run.history[key] ?? []).enumerated().map { index, value in
                guard let value, value.isFinite else { return nil }
                return (index + 1, value)
            }
        }

        private var keys: (train: String, validation: String) { (metric, "val_" + metric) }

        func draw(into svg: inout Document) {
            let allValues = runs.flatMap { run in
                [keys.train, keys.validation].flatMap { Self.points(of: run, key: $0).compactMap { $0?.value } }
            }
            let values = PlotScale(covering: allValues)
            svg.append(#"<g class="panel" data-metric="\#(XMLText.escaped(metric))">"#)
            drawAxes(values: values, into: &svg)
            if allValues.isEmpty {
                svg.text("no data", x: (frame.left + frame.right) / 2, y: (frame.top + frame.bottom) / 2,
                         attributes: ##"text-anchor="middle" fill="#777777""##)
            }
            for (index, run) in runs.enumerated() {
                drawCurve(Self.points(of: run, key: keys.train), run: index, dashed: false, values: values, into: &svg)
                drawCurve(Self.points(of: run, key: keys.validation), run: index, dashed: true, values: values, into: &svg)
            }
            svg.append("</g>")
        }

        /// Room between the frame and the outermost ticks, so curves on the range's ends stay off the frame line.
        static let padding = 8.0

        private func x(_ epoch: Double) -> Double {
            epochs.position(of: epoch, in: frame.left + Self.padding ... frame.right - Self.padding)
        }

        /// SVG's y axis points down, so the lowest value maps to the bottom.
        private func y(_ value: Double, _ values: PlotScale) -> Double {
            frame.bottom + frame.top - values.position(of: value, in: frame.top + Self.padding ... frame.bottom - Self.padding)
        }

        private func drawAxes(values: PlotScale, into svg: inout Document) {
            let grid = ##"stroke="#e5e5e5" stroke-width="1""##, tick = ##"stroke="#333333" stroke-width="1""##
            for value in values.ticks {
                let at = y(value, values)
                svg.line(frame.left, at, frame.right, at, attributes: grid)
                svg.line(frame.left - 5, at, frame.left, at, attributes: tick)
                svg.text(values.label(value), x: frame.left - 8, y: at + 4, attributes: #"text-anchor="end""#)
            }
            for epoch in epochs.ticks {
                let at = x(epoch)
                svg.line(at, frame.top, at, frame.bottom, attributes: grid)
                svg.line(at, frame.bottom, at, frame.bottom + 5, attributes: tick)
                svg.text(epochs.label(epoch), x: at, y: frame.bottom + 18, attributes: #"text-anchor="middle""#)
            }
            let c = SVGNumber.coordinate
            svg.append(#"<rect x="\#(c(frame.left))" y="\#(c(frame.top))" width="\#(c(frame.right - frame.left))" "#
                + ##"height="\##(c(frame.bottom - frame.top))" fill="none" stroke="#333333" stroke-width="1"/>"##)
            let name = XMLText.escaped(metric)
            svg.text(name, x: frame.left, y: frame.top - 10, attributes: #"font-size="13" font-weight="bold""#)
            svg.text("epoch", x: (frame.left + frame.right) / 2, y: frame.bottom + 38, attributes: #"text-anchor="middle""#)
            let middle = (frame.top + frame.bottom) / 2, titleX = frame.left - 66
            svg.text(name, x: titleX, y: middle, attributes:
                #"text-anchor="middle" transform="rotate(-90 \#(c(titleX)) \#(c(middle)))""#)
        }

        /// A curve as polylines between consecutive present epochs (a missing value breaks the line) and a dot
        /// on every point, so a one-epoch run and isolated values still show. Validation dots are hollow.
        private func drawCurve(_ points: [(epoch: Int, value: Double)?], run: Int, dashed: Bool,
                               values: PlotScale, into svg: inout Document) {
            guard points.contains(where: { $0 != nil }) else { return }
            let colour = LearningCurveSVG.colour(ofRun: run), c = SVGNumber.coordinate
            svg.append(#"<g class="run-\#(run) \#(dashed ? "validation" : "train")">"#)
            let dash = dashed ? #" stroke-dasharray="\#(LearningCurveSVG.validationDash)""# : ""
            var stretch: [String] = []
            func flush() {
                if stretch.count >= 2 {
                    svg.append(#"<polyline points="\#(stretch.joined(separator: " "))" fill="none" stroke="\#(colour)" "#
                        + #"stroke-width="2" stroke-linejoin="round"\#(dash)/>"#)
                }
                stretch = []
            }
            for point in points {
                guard let point else { flush(); continue }
                stretch.append(c(x(Double(point.epoch))) + "," + c(y(point.value, values)))
            }
            flush()
            let fill = dashed ? "#ffffff" : colour
            for case let point? in points {
                svg.append(#"<circle cx="\#(c(x(Double(point.epoch))))" cy="\#(c(y(point.value, values)))" r="3" "#
                    + #"fill="\#(fill)" stroke="\#(colour)" stroke-width="1.5"/>"#)
            }
            svg.append("</g>")
        }
    }
}
