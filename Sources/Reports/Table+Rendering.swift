import Datasets
import RunStore
import ExperimentCompiler

extension Table {
    /// The table as text in `format`, every line ending in LF.
    public func rendered(as format: TableFormat) -> String {
        switch format {
        case .table: return aligned()
        case .markdown: return markdown()
        case .csv: return csv()
        case .json: return JSONValue.array(rows.map(jsonObject)).canonicalText
        }
    }

    /// Columns padded to their widest cell and two spaces apart; no trailing spaces.
    func aligned() -> String {
        let widths = self.widths(columns.map(\.header), rows.map { $0.map(\.text) })
        func line(_ texts: [String]) -> String {
            let padded = zip(columns, zip(texts, widths)).map { column, item in pad(item.0, item.1, column.alignment) }
            return String(padded.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed()) + "\n"
        }
        return line(columns.map(\.header)) + rows.map { line($0.map(\.text)) }.joined()
    }

    /// A pipe table: cells padded for reading as plain text, `|` escaped, alignment in the rule.
    func markdown() -> String {
        let escape = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|") }
        let headers = columns.map { escape($0.header) }
        let cells = rows.map { $0.map { escape($0.text) } }
        let widths = self.widths(headers, cells).map { max($0, 3) }
        func line(_ texts: [String]) -> String {
            "| " + zip(columns, zip(texts, widths)).map { pad($1.0, $1.1, $0.alignment) }.joined(separator: " | ") + " |\n"
        }
        let rule = zip(columns, widths).map { column, width in
            column.alignment == .right ? String(repeating: "-", count: width - 1) + ":" : String(repeating: "-", count: width)
        }
        return line(headers) + "| " + rule.joined(separator: " | ") + " |\n" + cells.map(line).joined()
    }

    /// RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled; a
    /// missing value is an empty field (pandas reads it as NaN).
    func csv() -> String {
        let field = CSVTable.field
        let header = columns.map { field($0.key) }.joined(separator: ",") + "\n"
        return header + rows.map { row in row.map { $0.value == .null ? "" : field($0.text) }.joined(separator: ",") + "\n" }.joined()
    }

    func jsonObject(_ row: [Cell]) -> JSONValue {
        .object(Dictionary(zip(columns.map(\.key), row.map(\.value)), uniquingKeysWith: { first, _ in first }))
    }

    private func widths(_ headers: [String], _ cells: [[String]]) -> [Int] {
        headers.indices.map { i in cells.reduce(headers[i].count) { max($0, $1[i].count) } }
    }

    private func pad(_ text: String, _ width: Int, _ alignment: Alignment) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return alignment == .right ? fill + text : text + fill
    }
}
