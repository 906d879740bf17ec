/// The CSV dialect, what pandas' `to_csv` and spreadsheets write: comma-separated, the first line a header,
/// LF or CRLF line ends, an optional UTF-8 byte-order mark, fields optionally in double quotes (`""` inside
/// quotes is one quote). A quoted field may not span lines (no numeric dataset needs it, and it would make
/// line numbers in errors lie). Blank lines are skipped. Datasets are read by `CSVReader` (bytes, streamed);
/// these are its writer side and the rows of `predict`'s small input files, read by the same `CSVReader`.
public enum CSVTable {
    /// Every non-blank line of a whole file in memory (gzip or not) with its 1-based number and its fields, unquoted
    /// and without the spaces and tabs around them: for small inputs such as `predict`'s; datasets stream.
    public static func rows(of bytes: [UInt8], path: String) throws(DatasetError) -> [(line: Int, fields: [String])] {
        var rows: [(line: Int, fields: [String])] = []
        try CSVReader.forEachLine(bytes: bytes, path: path) { line throws(DatasetError) in
            rows.append((line.number, line.fields.indices.map { String(decoding: line.trimmed($0), as: UTF8.self) }))
        }
        return rows
    }

    /// `text` as one field of this dialect, for writers of CSV: quoted (quotes doubled) when it holds a comma,
    /// a quote or a line end (RFC 4180), else as it is.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
    }
}
