import RunStore
/// One run's learning curves as `runner plot` draws them (a legend label and the Keras History of the run), or a
/// seed group's as the report draws them (the mean over its seeds, with a band).
public struct PlottedRun: Equatable, Sendable {
    /// The name the legend gives the run, e.g. `learning_rate=0.01` (the settings that differ).
    public var label: String
    /// Per-epoch values by metric name, as in `history.json` (`loss`, `accuracy`, `val_loss`, ...); `nil` marks
    /// a missing or non-finite value. Index 0 is epoch 1.
    public var history: [String: [Double?]]
    /// Per-epoch ranges by the same names, drawn as a translucent band behind the line; empty for one run.
    public var bands: [String: [ClosedRange<Double>?]]

    public init(label: String, history: [String: [Double?]], bands: [String: [ClosedRange<Double>?]] = [:]) {
        self.label = label
        self.history = history
        self.bands = bands
    }
}

/// Learning curves as a standalone SVG: one panel per metric (accuracy, then loss, then any other metric in
/// the histories, by name), train solid and validation (`val_*`) dashed in the run's colour, and a legend.
///
/// The output is a pure function of its input: same runs, same bytes (fixed-decimal numbers, sorted metric
/// names, no time or host). Non-finite values are skipped like `nil`, so no coordinate is ever NaN.
public enum LearningCurveSVG {
    /// Run colours, in order, cycling after the last: Okabe and Ito's colour-blind-safe palette ("Color
    /// Universal Design", 2008), without its yellow, which is too pale on white.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    /// The dash pattern of validation curves: 6 px drawn, 4 px left out.
    public static let validationDash = "6 4"

    /// The colour of the run at `index` in the list given to `render`.
    public static func colour(ofRun index: Int) -> String {
        palette[index % palette.count]
    }

    /// How the SVG is written: as a file of its own or inside an HTML page, and how many points a curve may have.
    public struct Style: Sendable {
        /// Inside HTML: no XML declaration and no namespace (HTML5 puts `<svg>` in the SVG namespace itself), so
        /// the page names no URL at all.
        public var embedded: Bool
        /// Longer curves (and bands) are thinned to about this many points, every k-th epoch and the last kept.
        public var pointsPerCurve: Int

        public init(embedded: Bool = false, pointsPerCurve: Int = .max) {
            self.embedded = embedded
            self.pointsPerCurve = max(pointsPerCurve, 2)
        }
    }

    /// The SVG document (UTF-8 text, LF line ends) drawing `runs`' learning curves, with `title` above them.
    public static func render(_ runs: [PlottedRun], title: String? = nil, style: Style = Style()) -> String {
        let layout = Layout(runs: runs, title: title)
        var svg = Document(width: layout.width, height: layout.height, embedded: style.embedded)
        if let title, !title.isEmpty {
            svg.text(XMLText.escaped(title), x: Double(layout.width) / 2, y: 26,
                     attributes: #"text-anchor="middle" font-size="16" font-weight="bold""#)
        }
        for (index, metric) in layout.metrics.enumerated() {
            Panel(metric: metric, runs: runs, epochs: layout.epochAxis, frame: layout.plotFrame(ofPanel: index),
                  pointsPerCurve: style.pointsPerCurve).draw(into: &svg)
        }
        layout.legend.draw(into: &svg)
        return svg.finished()
    }

    /// The metrics that get a panel: the names in the histories with any `val_` prefix removed, accuracy
    /// first and loss second as Keras users read them, then the rest by UTF-8 bytes. Loss is always there, so
    /// even an empty plot has axes.
    static func metrics(of runs: [PlottedRun]) -> [String] {
        var names: Set<String> = ["loss"]
        for run in runs {
            for key in run.history.keys { names.insert(baseName(of: key)) }
        }
        let leading = ["accuracy", "loss"].filter(names.contains)
        let rest = names.subtracting(leading).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return leading + rest
    }

    /// `val_loss` -> `loss`; a name that is only the prefix stays as it is.
    static func baseName(of key: String) -> String {
        key.hasPrefix("val_") && key.count > 4 ? String(key.dropFirst(4)) : key
    }

    /// Where everything goes: panels two to a row, each a fixed cell, the legend below them.
    struct Layout {
        static let cellWidth = 480, cellHeight = 330
        /// Room inside a cell around the plot area, for the heading, ticks, tick labels and axis titles.
        static let inset = (left: 80.0, right: 20.0, top: 30.0, bottom: 48.0)

        let metrics: [String]
        let epochAxis: PlotScale
        let columns: Int
        let top: Int
        let legend: Legend
        let width: Int
        let height: Int

        init(runs: [PlottedRun], title: String?) {
            metrics = LearningCurveSVG.metrics(of: runs)
            let epochs = runs.flatMap { $0.history.values.map(\.count) }.max() ?? 0
            epochAxis = PlotScale(epochs: epochs)
            columns = min(metrics.count, 2)
            let rows = (metrics.count + columns - 1) / columns
            top = (title?.isEmpty ?? true) ? 8 : 40
            width = columns * Self.cellWidth
            legend = Legend(runs: runs, top: top + rows * Self.cellHeight + 8, width: width)
            height = legend.top + legend.height + 8
        }

        /// The plot area (inside the axes) of the panel at `index`.
        func plotFrame(ofPanel index: Int) -> PlotFrame {
            let left = Double((index % columns) * Self.cellWidth) + Self.inset.left
            let top = Double(self.top + (index / columns) * Self.cellHeight) + Self.inset.top
            return PlotFrame(left: left, top: top,
                             right: left + Double(Self.cellWidth) - Self.inset.left - Self.inset.right,
                             bottom: top + Double(Self.cellHeight) - Self.inset.top - Self.inset.bottom)
        }
    }

    /// A plot area in pixels; y grows downwards, as in SVG.
    struct PlotFrame {
        let left, top, right, bottom: Double
    }

    /// The SVG text being built; elements are appended one per line.
    ///
    /// The picture has a `viewBox` and a width of 100% (no fixed height), so a browser scales it to the window or
    /// the page and keeps its proportions, never wider than its drawn size; renderers without a page to fill
    /// (rsvg-convert, image viewers) draw it at the `viewBox`'s size.
    struct Document {
        private var lines: [String]

        init(width: Int, height: Int, embedded: Bool = false) {
            let size = #"width="100%" viewBox="0 0 \#(width) \#(height)" style="max-width: \#(width)px""#
            lines = (embedded ? [] : [#"<?xml version="1.0" encoding="UTF-8"?>"#]) + [
                (embedded ? #"<svg "# : #"<svg xmlns="http://www.w3.org/2000/svg" "#)
                    + #"\#(size) font-family="sans-serif" font-size="12">"#,
                ##"<rect x="0" y="0" width="\##(width)" height="\##(height)" fill="#ffffff"/>"##,
            ]
        }

        mutating func append(_ element: String) { lines.append(element) }

        /// A `<text>` element; `escapedText` must already be escaped.
        mutating func text(_ escapedText: String, x: Double, y: Double, attributes: String = "") {
            let extra = attributes.isEmpty ? "" : " " + attributes
            append(#"<text x="\#(SVGNumber.coordinate(x))" y="\#(SVGNumber.coordinate(y))"\#(extra)>\#(escapedText)</text>"#)
        }

        /// A straight line from (x1, y1) to (x2, y2).
        mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, attributes: String) {
            let c = SVGNumber.coordinate
            append(#"<line x1="\#(c(x1))" y1="\#(c(y1))" x2="\#(c(x2))" y2="\#(c(y2))" \#(attributes)/>"#)
        }

        func finished() -> String {
            (lines + ["</svg>"]).joined(separator: "\n") + "\n"
        }
    }
}
