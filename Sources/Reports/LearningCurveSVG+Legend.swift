import RunStore
extension LearningCurveSVG {
    /// The legend under the panels: a key to the line styles, then one row per run in its colour.
    struct Legend {
        static let rowHeight = 20
        /// At 12 px, DejaVu Sans averages about 7 px a character; longer labels are cut to fit the width.
        static let characterWidth = 7

        let runs: [PlottedRun]
        let top: Int
        let width: Int

        /// The legend's height for `runs` runs: the key row and a row per run (one saying so when there are none).
        static func height(runs: Int) -> Int {
            (1 + max(runs, 1)) * rowHeight
        }

        func draw(into svg: inout Document) {
            svg.append(#"<g class="legend">"#)
            let key = Double(top) + Double(Self.rowHeight) / 2
            let grey = ##"stroke="#555555" stroke-width="2""##
            svg.line(16, key, 46, key, attributes: grey)
            svg.text("train", x: 52, y: key + 4)
            svg.line(110, key, 140, key, attributes: grey + #" stroke-dasharray="\#(LearningCurveSVG.validationDash)""#)
            svg.text("validation (val_*)", x: 146, y: key + 4)
            if runs.isEmpty {
                svg.text("no runs", x: 16, y: key + Double(Self.rowHeight) + 4, attributes: ##"fill="#777777""##)
            }
            let limit = max((width - 70) / Self.characterWidth, 8)
            for (index, run) in runs.enumerated() {
                let middle = key + Double((index + 1) * Self.rowHeight)
                let colour = LearningCurveSVG.colour(ofRun: index)
                svg.line(16, middle, 46, middle, attributes: #"stroke="\#(colour)" stroke-width="2""#)
                svg.append(#"<circle cx="31.00" cy="\#(SVGNumber.coordinate(middle))" r="3" fill="\#(colour)"/>"#)
                svg.text(XMLText.escaped(XMLText.truncated(run.label, to: limit)), x: 52, y: middle + 4,
                         attributes: #"class="run-\#(index)""#)
            }
            svg.append("</g>")
        }
    }
}
