import Foundation
import RunStore

extension HTMLReport {
    /// A matrix over more classes than this shows only its per-class accuracy: its cells would not fit a page.
    static let largestMatrix = 30

    /// Section 4: per group, the confusion matrix of its completed runs added up (the counts each run's
    /// `metrics.json` records, which its test predictions give), shaded by each true class's share, with the
    /// per-class accuracy (the diagonal over the row) beside it.
    func confusionSection() -> [String] {
        var lines = [#"<section id="confusion">"#, "<h2>Confusion matrices</h2>",
                     "<p>Rows are true classes, columns predicted ones; each configuration's completed runs are added up. "
                         + "A cell's shade is its share of the row; the last column is the class's accuracy (its recall).</p>"]
        for index in groups.groups.indices {
            let group = groups.groups[index]
            let matrices = group.completed.compactMap(\.confusionMatrix)
            lines.append(#"<div class="matrix">"#)
            lines.append("<h3>\(swatch(index))</h3>")
            guard !matrices.isEmpty else {
                lines += [#"<p class="note">No confusion matrix: no completed classification run.</p>"#, "</div>"]
                continue
            }
            let matrix = ConfusionMatrix(summing: matrices)
            let names = (try? PreprocessingFile.read(folder: group.completed[0].path.path))?.classNames
            lines.append(#"<p class="note">\#(plural(matrices.count, "run")), \#(matrix.total) test predictions.</p>"#)
            lines += table(matrix, names: names)
            lines.append("</div>")
        }
        lines.append("</section>")
        return lines
    }

    /// The matrix as a table; beyond `largestMatrix` classes, the per-class accuracy alone.
    private func table(_ matrix: ConfusionMatrix, names: [String]?) -> [String] {
        func name(_ c: Int) -> String { XMLText.escaped(names.flatMap { c < $0.count ? $0[c] : nil } ?? String(c)) }
        let accuracy = matrix.perClassAccuracy
        let showsCells = matrix.classes <= Self.largestMatrix
        var lines = [#"<table class="confusion">"#, "<thead><tr><th>true \\ predicted</th>"
            + (showsCells ? (0..<matrix.classes).map { "<th>\(name($0))</th>" }.joined() : "") + "<th>accuracy</th></tr></thead>", "<tbody>"]
        for (c, row) in matrix.counts.enumerated() {
            let total = row.reduce(0, +)
            var cells = "<tr><th>\(name(c))</th>"
            if showsCells {
                cells += row.enumerated().map { j, count in
                    // Tenths of the row's share pick one of nine shades (classes of the style sheet, a few bytes a
                    // cell where a colour would take twenty); under a tenth stays white. `d` marks the diagonal.
                    let shade = total == 0 ? 0 : min(Int(Double(count) / Double(total) * 10), 9)
                    let classes = (shade > 0 ? ["h\(shade)"] : []) + (j == c ? ["d"] : [])
                    return (classes.isEmpty ? "<td>" : #"<td class="\#(classes.joined(separator: " "))">"#) + "\(count)</td>"
                }.joined()
            }
            cells += #"<td class="number">\#(accuracy[c].map { $0.formatted(decimals: 4) } ?? "-")</td></tr>"#
            lines.append(cells)
        }
        lines += ["</tbody>", "</table>"]
        if !showsCells {
            lines.append(#"<p class="note">\#(matrix.classes) classes: the cells are left out (more than \#(Self.largestMatrix)); metrics.json holds them.</p>"#)
        }
        return lines
    }
}
