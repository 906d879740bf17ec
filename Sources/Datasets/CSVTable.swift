/// The CSV dialect, what pandas' `to_csv` and spreadsheets write: comma-separated, the first line a header,
/// LF or CRLF line ends, an optional UTF-8 byte-order mark, fields optionally in double quotes (`""` inside
/// quotes is one quote). A quoted field may not span lines (no numeric dataset needs it, and it would make
/// line numbers in errors lie). Blank lines are skipped. Datasets are read by `CSVReader` (bytes, streamed);
/// these are its writer side and the line splitter `predict`'s small input files use.
public enum CSVTable {
    /// One field and where it starts (1-based line and column, in characters of the line).
    public struct Field: Sendable {
        public var text: Substring
        public var line: Int
        public var column: Int
    }

    /// `text` as one field of this dialect, for writers of CSV: quoted (quotes doubled) when it holds a comma,
    /// a quote or a line end (RFC 4180), else as it is.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
    }

    /// The non-blank lines of `text` with their 1-based numbers, LF or CRLF line ends, a UTF-8 byte-order mark dropped.
    public static func lines(_ text: String) -> [(number: Int, text: Substring)] {
        // "\r\n" is one Character in Swift, so both line ends are separators here.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .enumerated().map { (offset, line) in (number: offset + 1, text: line) }
        if let first = lines.first, first.text.hasPrefix("\u{FEFF}") { lines[0].text = first.text.dropFirst() }
        lines.removeAll { $0.text.allSatisfy { $0 == " " || $0 == "\t" } }
        return lines
    }

    /// The fields of one line, split on commas outside double quotes.
    public static func fields(_ line: Substring, line number: Int, path: String) throws(DatasetError) -> [Field] {
        var fields: [Field] = []
        var index = line.startIndex
        var column = 1
        while true {
            let startColumn = column
            if index < line.endIndex, line[index] == "\"" {
                var text = ""
                var cursor = line.index(after: index)
                column += 1
                var closed = false
                while cursor < line.endIndex {
                    let character = line[cursor]
                    cursor = line.index(after: cursor)
                    column += 1
                    if character == "\"" {
                        if cursor < line.endIndex, line[cursor] == "\"" {
                            text.append("\"")
                            cursor = line.index(after: cursor)
                            column += 1
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        text.append(character)
                    }
                }
                guard closed else {
                    throw .csv(.syntax(path: path, line: number, column: startColumn,
                                     message: "a quoted field does not end on its line; quoted fields may not span lines"))
                }
                guard cursor == line.endIndex || line[cursor] == "," else {
                    throw .csv(.syntax(path: path, line: number, column: column,
                                     message: "unexpected text after a closing quote; a field is either quoted whole or not at all"))
                }
                fields.append(Field(text: Substring(text), line: number, column: startColumn))
                index = cursor
            } else {
                let end = line[index...].firstIndex(of: ",") ?? line.endIndex
                fields.append(Field(text: line[index..<end], line: number, column: startColumn))
                column += line[index..<end].count
                index = end
            }
            guard index < line.endIndex else { return fields }
            index = line.index(after: index)  // the comma
            column += 1
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (a header written `a, b` names `b`, not ` b`).
    var trimmingSpaces: String {
        String(Substring(self).trimmingSpaces)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    public var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
