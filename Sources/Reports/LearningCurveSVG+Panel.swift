import RunStore
extension LearningCurveSVG {
    /// One metric's panel: grid, axes with ticks and titles, every run's band (when it has one), then every run's
    /// train and validation curve on top.
    struct Panel {
        let metric: String
        let runs: [PlottedRun]
        let epochs: PlotScale
        let frame: PlotFrame
        /// At most this many points of a curve are drawn (`Style.pointsPerCurve`).
        let pointsPerCurve: Int

        /// A curve of at most this many points gets a dot on every point; a longer one (thinned or not) only on its
        /// isolated points: a dot a point would hide a long curve and weigh 80 bytes a point.
        static let dotLimit = 40

        /// The finite values of `key` in `run`, each with its epoch (counted from 1).
        static func points(of run: PlottedRun, key: String) -> [(epoch: Int, value: Double)?] {
            (run.history[key] ?? []).enumerated().map { index, value in
                guard let value, value.isFinite else { return nil }
                return (index + 1, value)
            }
        }

        /// `items` cut to at most `limit` by keeping every k-th (the first and the last always), so a long run
        /// keeps its shape at a bounded size.
        static func thinned<T>(_ items: [T], to limit: Int) -> [T] {
            guard items.count > limit, limit >= 2 else { return items }
            let step = (items.count - 1 + limit - 2) / (limit - 1)
            return items.indices.filter { $0 % step == 0 || $0 == items.count - 1 }.map { items[$0] }
        }

        private var keys: (train: String, validation: String) { (metric, "val_" + metric) }

        func draw(into svg: inout Document) {
            let allValues = runs.flatMap { run in
                [keys.train, keys.validation].flatMap { key in
                    Self.points(of: run, key: key).compactMap { $0?.value }
                        + (run.bands[key] ?? []).flatMap { $0.map { [$0.lowerBound, $0.upperBound] } ?? [] }
                }
            }
            let axes = ChartAxes(frame: frame, x: epochs, y: PlotScale(covering: allValues), heading: metric,
                                 xTitle: "epoch", yTitle: metric)
            svg.append(#"<g class="panel" data-metric="\#(XMLText.escaped(metric))">"#)
            axes.draw(into: &svg)
            if allValues.isEmpty {
                svg.text("no data", x: (frame.left + frame.right) / 2, y: (frame.top + frame.bottom) / 2,
                         attributes: ##"text-anchor="middle" fill="#777777""##)
            }
            for (index, run) in runs.enumerated() {
                for key in [keys.train, keys.validation] { drawBand(run.bands[key] ?? [], run: index, axes: axes, into: &svg) }
            }
            for (index, run) in runs.enumerated() {
                drawCurve(Self.points(of: run, key: keys.train), run: index, dashed: false, axes: axes, into: &svg)
                drawCurve(Self.points(of: run, key: keys.validation), run: index, dashed: true, axes: axes, into: &svg)
            }
            svg.append("</g>")
        }

        /// A band as a translucent area between its lows and highs over consecutive present epochs; an epoch
        /// standing alone gets a thick translucent bar, so a one-epoch group still shows its spread.
        private func drawBand(_ band: [ClosedRange<Double>?], run: Int, axes: ChartAxes, into svg: inout Document) {
            let ranges = Self.thinned(band.enumerated().map { index, range in range.map { (epoch: index + 1, range: $0) } },
                                      to: pointsPerCurve)
            guard ranges.contains(where: { $0 != nil }) else { return }
            let colour = LearningCurveSVG.colour(ofRun: run), c = SVGNumber.coordinate
            svg.append(#"<g class="run-\#(run) band">"#)
            var stretch: [(epoch: Int, range: ClosedRange<Double>)] = []
            func flush() {
                if stretch.count == 1, let only = stretch.first {
                    let x = axes.xPosition(Double(only.epoch))
                    svg.line(x, axes.yPosition(only.range.lowerBound), x, axes.yPosition(only.range.upperBound),
                             attributes: #"stroke="\#(colour)" stroke-width="8" stroke-opacity="0.25""#)
                } else if stretch.count >= 2 {
                    let upper = stretch.map { c(axes.xPosition(Double($0.epoch))) + "," + c(axes.yPosition($0.range.upperBound)) }
                    let lower = stretch.reversed().map { c(axes.xPosition(Double($0.epoch))) + "," + c(axes.yPosition($0.range.lowerBound)) }
                    svg.append(#"<polygon points="\#((upper + lower).joined(separator: " "))" fill="\#(colour)" fill-opacity="0.18" stroke="none"/>"#)
                }
                stretch = []
            }
            for item in ranges {
                guard let item else { flush(); continue }
                stretch.append(item)
            }
            flush()
            svg.append("</g>")
        }

        /// A curve as polylines between consecutive present epochs (a missing value breaks the line), with a dot
        /// on every point of a short curve and on every isolated point of any, so a one-epoch run and isolated
        /// values still show. Validation dots are hollow.
        private func drawCurve(_ all: [(epoch: Int, value: Double)?], run: Int, dashed: Bool,
                               axes: ChartAxes, into svg: inout Document) {
            let points = Self.thinned(all, to: pointsPerCurve)
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
                stretch.append(c(axes.xPosition(Double(point.epoch))) + "," + c(axes.yPosition(point.value)))
            }
            flush()
            let fill = dashed ? "#ffffff" : colour
            let dotsEverywhere = all.count(where: { $0 != nil }) <= Self.dotLimit
            for (index, point) in points.enumerated() {
                guard let point else { continue }
                let isolated = (index == 0 || points[index - 1] == nil) && (index == points.count - 1 || points[index + 1] == nil)
                guard dotsEverywhere || isolated else { continue }
                svg.append(#"<circle cx="\#(c(axes.xPosition(Double(point.epoch))))" cy="\#(c(axes.yPosition(point.value)))" r="3" "#
                    + #"fill="\#(fill)" stroke="\#(colour)" stroke-width="1.5"/>"#)
            }
            svg.append("</g>")
        }
    }
}
