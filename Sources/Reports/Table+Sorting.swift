import RunStore
/// `--sort` named a column the table does not have.
public struct UnknownColumnError: Error, Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var columns: [String]

    public var description: String {
        "unknown column '\(name)' for --sort; the columns are: \(columns.joined(separator: ", "))"
    }
}

extension Table {
    /// The rows ordered by the column whose header or key is `name`: numbers numerically and before
    /// text, text by its characters, missing values last; rows that tie keep their order. `-NAME` orders
    /// the same column descending, missing values still last.
    public func sorted(by name: String) throws(UnknownColumnError) -> Table {
        Table(columns: columns, rows: try order(by: name).map { rows[$0] })
    }

    /// The row indices in the order `sorted(by:)` gives.
    public func order(by name: String) throws(UnknownColumnError) -> [Int] {
        let descending = name.hasPrefix("-") && !columns.contains { $0.header == name || $0.key == name }
        let wanted = descending ? String(name.dropFirst()) : name
        guard let index = columns.firstIndex(where: { $0.header == wanted || $0.key == wanted }) else {
            throw UnknownColumnError(name: wanted, columns: columns.map(\.header))
        }
        func rank(_ cell: Cell) -> Int { cell.value == .null ? 2 : cell.value.number == nil ? 1 : 0 }
        return rows.indices.sorted { a, b in
            let (x, y) = (rows[a][index], rows[b][index])
            if rank(x) != rank(y) { return rank(x) < rank(y) }
            if let p = x.value.number, let q = y.value.number, p != q { return descending ? p > q : p < q }
            if rank(x) == 1, x.text != y.text { return descending ? x.text > y.text : x.text < y.text }
            return a < b
        }
    }
}
