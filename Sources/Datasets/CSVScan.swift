/// One CSV file read in one pass: its header, every row's features as floats (when kept) and its label column.
struct CSVScan {
    /// The file as the experiment names it (messages name it so).
    let path: String
    let header: [String]
    let labelIndex: Int
    var rows = 0
    /// rows x (header.count - 1) floats, row after row, in the file's order.
    var features: [Float] = []
    var labels = CSVLabelColumn()

    var featureNames: [String] { header.enumerated().filter { $0.offset != labelIndex }.map(\.element) }
}

extension CSVDatasetSource {
    /// Reads `path`: the header (names unique and non-empty, the label among them, the same as `trainHeader`'s for a
    /// test file), then every row: as many fields as the header, every feature a finite number.
    static func scan(_ path: String, search: DataSearch, label: String, keepFeatures: Bool,
                     trainHeader: (path: String, header: [String])? = nil) throws(DatasetError) -> CSVScan {
        let resolved = try resolve(path, search: search)
        var scan: CSVScan?
        try CSVReader.forEachLine(path: path, resolved: resolved) { line throws(DatasetError) in
            guard scan != nil else {
                scan = try Self.headerScan(line, path: path, label: label, trainHeader: trainHeader)
                if keepFeatures { scan!.features.reserveCapacity(CSVReader.lineEnds(resolved: resolved) * (scan!.header.count - 1)) }
                return
            }
            let header = scan!.header, labelIndex = scan!.labelIndex
            guard line.fields.count == header.count else {
                throw .csv(.fieldCount(path: path, line: line.number, found: line.fields.count, expected: header.count))
            }
            for i in line.fields.indices where i != labelIndex {
                guard let value = line.float(i) else {
                    let field = line.fields[i]
                    throw .csv(.notANumber(path: path, line: line.number, column: line.column(of: field.quoted ? field.start - 1 : field.start),
                                           text: String(decoding: line.text(i), as: UTF8.self), name: header[i]))
                }
                if keepFeatures { scan!.features.append(value) }
            }
            let field = line.fields[labelIndex]
            scan!.labels.add(line.trimmed(labelIndex), line: line.number) { line.column(of: field.quoted ? field.start - 1 : field.start) }
            scan!.rows += 1
        }
        guard let scan else { throw .csv(.empty(path: path)) }
        guard scan.rows > 0 else { throw .csv(.noRows(path: path)) }
        return scan
    }

    private static func headerScan(_ line: CSVReader.Line, path: String, label: String,
                                   trainHeader: (path: String, header: [String])?) throws(DatasetError) -> CSVScan {
        let header = line.fields.indices.map { String(decoding: line.trimmed($0), as: UTF8.self) }
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if name.isEmpty { throw .csv(.badHeader(path: path, message: "column \(index + 1) of the header has no name; the first line must name every column")) }
            if let earlier = seen[name] {
                throw .csv(.badHeader(path: path, message: "the header names column \(earlier + 1) and column \(index + 1) both '\(name)'; column names must be unique"))
            }
            seen[name] = index
        }
        if let trainHeader, trainHeader.header != header {
            throw .csv(.headerMismatch(train: trainHeader.path, test: path, trainHeader: trainHeader.header, testHeader: header))
        }
        guard let labelIndex = header.firstIndex(of: label) else { throw .csv(.missingLabel(path: path, label: label, header: header)) }
        guard header.count >= 2 else { throw .csv(.noFeatures(path: path, label: label)) }
        return CSVScan(path: path, header: header, labelIndex: labelIndex)
    }
}

extension CSVScan {
    /// Every row, with `labels` (class ids, one per row); takes the floats, leaving this scan without them.
    mutating func split(labels: [UInt8]) -> DatasetSplit {
        let values = features
        features = []
        return DatasetSplit(features: FloatSamples(path: path, names: featureNames, values: values), labels: IDXFile(path: path, labels: labels))
    }

    /// The rows `rows` (ascending) copied out, with their `labels`.
    func split(labels: [UInt8], rows: [Int]) -> DatasetSplit {
        let width = header.count - 1
        var values: [Float] = []
        values.reserveCapacity(rows.count * width)
        for r in rows { values += features[(r * width)..<((r + 1) * width)] }
        return DatasetSplit(features: FloatSamples(path: path, names: featureNames, values: values), labels: IDXFile(path: path, labels: labels))
    }

    /// The rows `rows` (ascending) moved to the front of the floats, which become theirs: no second copy of the data.
    mutating func splitInPlace(labels: [UInt8], rows: [Int]) -> DatasetSplit {
        let width = header.count - 1
        features.withUnsafeMutableBufferPointer { values in
            for (i, r) in rows.enumerated() where i != r {
                // i < r: the destination row was read already (rows ascend), so nothing still needed is overwritten.
                (values.baseAddress! + i * width).update(from: values.baseAddress! + r * width, count: width)
            }
        }
        features.removeLast(features.count - rows.count * width)
        return split(labels: labels)
    }
}

/// A label column: each distinct label (trimmed bytes) once, where it first appears, and each row's distinct label.
/// 281,058 rows of 4 classes are 1.1 MB of row indices, not 281,058 strings.
struct CSVLabelColumn {
    /// Distinct labels in the order they first appear, which is the file's order of rows.
    var texts: [[UInt8]] = []
    var firstSeen: [(line: Int, column: Int)] = []
    var rows: [UInt32] = []
    private var index: [[UInt8]: UInt32] = [:]

    mutating func add(_ text: ArraySlice<UInt8>, line: Int, column: () -> Int) {
        let key = Array(text)
        if let known = index[key] {
            rows.append(known)
            return
        }
        let id = UInt32(texts.count)
        index[key] = id
        texts.append(key)
        firstSeen.append((line, column()))
        rows.append(id)
    }
}
