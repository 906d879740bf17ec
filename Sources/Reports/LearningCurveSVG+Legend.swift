import RunStore
extension LearningCurveSVG {
    /// The legend under the panels, across the picture's whole width: a key to the line styles, then the runs in
    /// as many columns as their labels allow (row by row), each in its colour.
    ///
    /// A run whose curves equal an earlier run's would hide it; its entry says so, naming the run it hides.
    struct Legend {
        static let rowHeight = 20
        /// At 12 px, DejaVu Sans averages about 7 px a character; longer labels are cut to fit their column.
        static let characterWidth = 7
        /// Room before an entry's text: the line sample and a gap.
        static let textOffset = 52
        static let margin = 16

        let runs: [PlottedRun]
        let top: Int
        let width: Int
        /// Whether the first row keys train (solid) and validation (dashed) lines.
        var keysLineStyles = true
        let columns: Int
        let columnWidth: Int
        /// Each entry's text, before it is cut to its column.
        let texts: [String]

        init(runs: [PlottedRun], top: Int, width: Int, keysLineStyles: Bool = true) {
            self.runs = runs
            self.top = top
            self.width = width
            self.keysLineStyles = keysLineStyles
            texts = Self.texts(runs)
            let usable = max(width - 2 * Self.margin, 1)
            let longest = texts.map(\.count).max() ?? 0
            // A column fits its longest label and a gap; at least 160 px, so short labels are not crammed.
            let wanted = max(Self.textOffset + longest * Self.characterWidth + 24, 160)
            columns = max(1, min(max(runs.count, 1), usable / wanted))
            columnWidth = usable / columns
        }

        /// Each run's label, with `(same curves as LABEL, hidden under it)` for one that repeats an earlier run.
        static func texts(_ runs: [PlottedRun]) -> [String] {
            runs.enumerated().map { index, run in
                guard !run.history.isEmpty,
                      let earlier = runs[..<index].firstIndex(where: { $0.history == run.history && $0.bands == run.bands })
                else { return run.label }
                return "\(run.label) (same curves as \(runs[earlier].label), hidden under it)"
            }
        }

        private var keyRows: Int { keysLineStyles ? 1 : 0 }

        /// The legend's height: the key row and the rows of runs (one saying so when there are none).
        var height: Int {
            (keyRows + (max(runs.count, 1) + columns - 1) / columns) * Self.rowHeight
        }

        func draw(into svg: inout Document) {
            svg.append(#"<g class="legend">"#)
            let first = Double(top) + Double(Self.rowHeight) / 2
            if keysLineStyles {
                let grey = ##"stroke="#555555" stroke-width="2""##
                svg.line(16, first, 46, first, attributes: grey)
                svg.text("train", x: 52, y: first + 4)
                svg.line(110, first, 140, first, attributes: grey + #" stroke-dasharray="\#(LearningCurveSVG.validationDash)""#)
                svg.text("validation (val_*)", x: 146, y: first + 4)
            }
            let runsTop = first + Double(keyRows * Self.rowHeight)
            if runs.isEmpty {
                svg.text("no runs", x: 16, y: runsTop + 4, attributes: ##"fill="#777777""##)
            }
            let limit = max((columnWidth - Self.textOffset - 12) / Self.characterWidth, 8)
            for (index, text) in texts.enumerated() {
                let middle = runsTop + Double(index / columns * Self.rowHeight)
                let left = Double(Self.margin + index % columns * columnWidth)
                let colour = LearningCurveSVG.colour(ofRun: index)
                svg.line(left, middle, left + 30, middle, attributes: #"stroke="\#(colour)" stroke-width="2""#)
                svg.append(#"<circle cx="\#(SVGNumber.coordinate(left + 15))" cy="\#(SVGNumber.coordinate(middle))" r="3" fill="\#(colour)"/>"#)
                svg.text(XMLText.escaped(XMLText.truncated(text, to: limit)), x: left + Double(Self.textOffset - Self.margin),
                         y: middle + 4, attributes: #"class="run-\#(index)""#)
            }
            svg.append("</g>")
        }
    }
}
