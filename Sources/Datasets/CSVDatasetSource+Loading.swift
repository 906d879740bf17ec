import SeededRandom

extension CSVDatasetSource {
    /// Reads, parses and splits the CSV file(s) into a dataset of float features.
    public func load(search: DataSearch = .process()) throws(DatasetError) -> LoadedDataset {
        let trainPath = path
        let trainTable = try Self.table(path, search: search)
        let labelIndex = try labelColumn(in: trainTable)
        switch test {
        case .file(let testFile):
            let testTable = try Self.table(testFile, search: search)
            guard testTable.header == trainTable.header else {
                throw .csv(.headerMismatch(train: trainPath, test: testTable.path,
                                         trainHeader: trainTable.header, testHeader: testTable.header))
            }
            let labels = try Self.labels(trainTable.rows.map { $0[labelIndex] }, test: testTable.rows.map { $0[labelIndex] },
                                         path: trainPath, testPath: testTable.path)
            let train = try Self.split(trainTable, labelIndex: labelIndex, labels: labels.train, rows: trainTable.rows.indices.map { $0 })
            let test = try Self.split(testTable, labelIndex: labelIndex, labels: labels.test, rows: testTable.rows.indices.map { $0 })
            return try LoadedDataset(name: path, train: train, test: test, classNames: labels.names, classCount: labels.classCount)
        case .fraction(let fraction):
            let rows = trainTable.rows.count
            let testCount = Int((Double(rows) * fraction).rounded(.up))
            guard fraction > 0, fraction < 1, testCount >= 1, testCount < rows else {
                throw .csv(.testFractionTooSmall(path: trainPath, rows: rows, fraction: fraction))
            }
            var random = SeededRandom(seed: seed, streamNumber: Self.testSplitStream)
            let order = random.permutation(rows).map(Int.init)
            // Each part keeps the file's order, so `shuffle: false` visits rows as written.
            let testRows = order[..<testCount].sorted(), trainRows = order[testCount...].sorted()
            let all = try Self.labels(trainTable.rows.map { $0[labelIndex] }, test: [], path: trainPath, testPath: trainPath)
            let train = try Self.split(trainTable, labelIndex: labelIndex, labels: trainRows.map { all.train[$0] }, rows: trainRows)
            let test = try Self.split(trainTable, labelIndex: labelIndex, labels: testRows.map { all.train[$0] }, rows: testRows)
            return try LoadedDataset(name: path, train: train, test: test, classNames: all.names, classCount: all.classCount)
        }
    }

    /// The shape the compiler checks against: features, sample counts and classes (the whole file is parsed,
    /// so a bad cell shows at `runner check`, not after a long load).
    public func sizes(search: DataSearch = .process()) throws(DatasetError) -> DatasetSizes {
        let dataset = try load(search: search)
        return DatasetSizes(sampleShape: dataset.sampleShape, trainCount: dataset.train.count,
                            testCount: dataset.test.count, classCount: dataset.classCount)
    }

    /// The header of the training file alone (for the label column's did-you-mean).
    public func header(search: DataSearch = .process()) throws(DatasetError) -> [String] {
        try Self.table(path, search: search).header
    }

    /// The table of `path` as written (errors name it so), read from `path` resolved by `search`.
    private static func table(_ path: String, search: DataSearch) throws(DatasetError) -> CSVTable {
        let resolved = search.resolve(path)
        guard Path.isFile(resolved) else {
            if Path.isDirectory(resolved) { throw .unreadableFile(path: path, reason: "a folder, not a CSV file") }
            throw .csv(.notFound(path: path))
        }
        do {
            return try CSVTable(path: path, text: String(decoding: try DatasetFile.contents(of: resolved), as: UTF8.self))
        } catch .unreadableFile(_, let reason) {
            throw .unreadableFile(path: path, reason: reason)
        }
    }

    private func labelColumn(in table: CSVTable) throws(DatasetError) -> Int {
        guard let index = table.header.firstIndex(of: label) else {
            throw .csv(.missingLabel(path: table.path, label: label, header: table.header))
        }
        guard table.header.count >= 2 else { throw .csv(.noFeatures(path: table.path, label: label)) }
        return index
    }

    /// The features of `rows` (indices into the table) as floats, every non-label field a finite number.
    private static func split(_ table: CSVTable, labelIndex: Int, labels: [UInt8], rows: [Int]) throws(DatasetError) -> DatasetSplit {
        let names = table.header.enumerated().filter { $0.offset != labelIndex }.map(\.element)
        var values: [Float] = []
        values.reserveCapacity(rows.count * names.count)
        for r in rows {
            for (column, field) in table.rows[r].enumerated() where column != labelIndex {
                let text = field.text.trimmingSpaces
                guard let value = Float(text), value.isFinite else {
                    throw .csv(.notANumber(path: table.path, line: field.line, column: field.column,
                                         text: String(field.text), name: table.header[column]))
                }
                values.append(value)
            }
        }
        let features = FloatSamples(path: table.path, names: names, values: values)
        return DatasetSplit(features: features, labels: IDXFile(path: table.path, labels: labels))
    }
}
