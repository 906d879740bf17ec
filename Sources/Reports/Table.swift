import RunStore
import ExperimentCompiler

/// Rows of cells under named columns, rendered for a terminal, GitHub, spreadsheets or programs;
/// shared by `runner compare` and `runner diff`.
public struct Table: Sendable, Equatable {
    /// A column: a short `header` for people (table, markdown) and an unambiguous `key` for programs
    /// (csv header, json member name); both are accepted by `sorted(by:)`.
    public struct Column: Sendable, Equatable {
        public var header: String
        public var key: String
        public var alignment: Alignment

        public init(_ header: String, key: String? = nil, alignment: Alignment = .left) {
            self.header = header
            self.key = key ?? header
            self.alignment = alignment
        }
    }

    /// Where text sits in a padded column; numbers go right so their digits line up.
    public enum Alignment: Sendable, Equatable {
        case left, right
    }

    /// What a cell shows (`text`) and what it is (`value`: a JSON number, string, bool, or `null`
    /// for a missing value), so json output and numeric sorting need not parse the text back.
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var value: JSONValue

        public init(text: String, value: JSONValue) {
            self.text = text
            self.value = value
        }

        /// A missing value: `-` in a table, an empty csv field, `null` in json.
        public static let missing = Cell(text: "-", value: .null)

        /// A string shown as itself.
        public static func string(_ text: String) -> Cell { Cell(text: text, value: .string(text)) }

        /// A number shown with a fixed number of decimals; json gets the number as shown.
        public static func number(_ x: Double?, decimals: Int) -> Cell {
            guard let x, x.isFinite else { return .missing }
            let text = x.formatted(decimals: decimals)
            return Cell(text: text, value: .double(Double(text) ?? x))
        }

        /// A whole number.
        public static func integer(_ n: Int?) -> Cell {
            guard let n else { return .missing }
            return Cell(text: String(n), value: .int(n))
        }
    }

    public var columns: [Column]
    public var rows: [[Cell]]

    public init(columns: [Column], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// How `Table.rendered(as:)` lays a table out; the values of `--format`.
public enum TableFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal.
    case table
    /// A GitHub-flavoured Markdown pipe table.
    case markdown
    /// RFC 4180 fields and quoting, LF line ends (as history.csv and Python's csv module read).
    case csv
    /// A canonical JSON array with one object per row, keyed by column key.
    case json
}

extension Double {
    /// Fixed-point text with `decimals` digits after the point, `-0.00` printed as `0.00`.
    func formatted(decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", self)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }
}

extension Table {
    /// The table without the columns whose key is in `keys`.
    public func removing(columns keys: Set<String>) -> Table {
        let kept = columns.indices.filter { !keys.contains(columns[$0].key) }
        return Table(columns: kept.map { columns[$0] }, rows: rows.map { row in kept.map { row[$0] } })
    }
}
