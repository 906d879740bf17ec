/// A chart's plot area with its two scales: the map from values to pixels, and the grid, ticks, frame, heading
/// and axis titles around it. Shared by the learning-curve panels and the gap chart, so every chart of a report
/// reads the same way.
struct ChartAxes {
    let frame: LearningCurveSVG.PlotFrame
    let x: PlotScale
    let y: PlotScale
    /// Bold, above the plot area's top-left corner.
    let heading: String
    let xTitle: String
    let yTitle: String

    /// Room between the frame and the outermost ticks, so marks on the range's ends stay off the frame line.
    static let padding = 8.0

    func xPosition(_ value: Double) -> Double {
        x.position(of: value, in: frame.left + Self.padding ... frame.right - Self.padding)
    }

    /// SVG's y axis points down, so the lowest value maps to the bottom.
    func yPosition(_ value: Double) -> Double {
        frame.bottom + frame.top - y.position(of: value, in: frame.top + Self.padding ... frame.bottom - Self.padding)
    }

    func draw(into svg: inout LearningCurveSVG.Document) {
        let grid = ##"stroke="#e5e5e5" stroke-width="1""##, tick = ##"stroke="#333333" stroke-width="1""##
        for value in y.ticks {
            let at = yPosition(value)
            svg.line(frame.left, at, frame.right, at, attributes: grid)
            svg.line(frame.left - 5, at, frame.left, at, attributes: tick)
            svg.text(y.label(value), x: frame.left - 8, y: at + 4, attributes: #"text-anchor="end""#)
        }
        for value in x.ticks {
            let at = xPosition(value)
            svg.line(at, frame.top, at, frame.bottom, attributes: grid)
            svg.line(at, frame.bottom, at, frame.bottom + 5, attributes: tick)
            svg.text(x.label(value), x: at, y: frame.bottom + 18, attributes: #"text-anchor="middle""#)
        }
        let c = SVGNumber.coordinate
        svg.append(#"<rect x="\#(c(frame.left))" y="\#(c(frame.top))" width="\#(c(frame.right - frame.left))" "#
            + ##"height="\##(c(frame.bottom - frame.top))" fill="none" stroke="#333333" stroke-width="1"/>"##)
        svg.text(XMLText.escaped(heading), x: frame.left, y: frame.top - 10, attributes: #"font-size="13" font-weight="bold""#)
        svg.text(XMLText.escaped(xTitle), x: (frame.left + frame.right) / 2, y: frame.bottom + 38, attributes: #"text-anchor="middle""#)
        let middle = (frame.top + frame.bottom) / 2, titleX = frame.left - 66
        svg.text(XMLText.escaped(yTitle), x: titleX, y: middle, attributes:
            #"text-anchor="middle" transform="rotate(-90 \#(c(titleX)) \#(c(middle)))""#)
    }
}
