import SeededRandom

extension CSVDatasetSource {
    /// Reads the CSV file(s) in one streamed pass each into a dataset of float features: the floats, one byte per
    /// label and a table of distinct labels are all it holds (about 1.1x the float data with a test fraction).
    public func load(search: DataSearch = .process()) throws(DatasetError) -> LoadedDataset {
        var train = try Self.scan(path, search: search, label: label, keepFeatures: true)
        switch test {
        case .file(let testFile):
            var testScan = try Self.scan(testFile, search: search, label: label, keepFeatures: true, trainHeader: (path, train.header))
            let labels = try Self.labels(train.labels, test: testScan.labels, path: path, testPath: testScan.path)
            let trainSplit = train.split(labels: labels.train), testSplit = testScan.split(labels: labels.test)
            return try LoadedDataset(name: path, train: trainSplit, test: testSplit, classNames: labels.names, classCount: labels.classCount)
        case .fraction(let fraction):
            let (trainRows, testRows) = try Self.fractionRows(train.rows, fraction: fraction, path: path, seed: seed)
            let all = try Self.labels(train.labels, test: nil, path: path, testPath: path)
            let test = train.split(labels: testRows.map { all.train[$0] }, rows: testRows)
            let training = train.splitInPlace(labels: trainRows.map { all.train[$0] }, rows: trainRows)
            return try LoadedDataset(name: path, train: training, test: test, classNames: all.names, classCount: all.classCount)
        }
    }

    /// The shape the compiler checks against: features, sample counts and classes, from the same pass as `load`
    /// without keeping the floats, so a bad cell shows at `runner check`, not after a long load.
    public func sizes(search: DataSearch = .process()) throws(DatasetError) -> DatasetSizes {
        let train = try Self.scan(path, search: search, label: label, keepFeatures: false)
        let features = train.header.count - 1
        switch test {
        case .file(let testFile):
            let testScan = try Self.scan(testFile, search: search, label: label, keepFeatures: false, trainHeader: (path, train.header))
            let labels = try Self.labels(train.labels, test: testScan.labels, path: path, testPath: testScan.path)
            return DatasetSizes(sampleShape: [features], trainCount: train.rows, testCount: testScan.rows, classCount: labels.classCount)
        case .fraction(let fraction):
            let (trainRows, testRows) = try Self.fractionRows(train.rows, fraction: fraction, path: path, seed: seed)
            let all = try Self.labels(train.labels, test: nil, path: path, testPath: path)
            return DatasetSizes(sampleShape: [features], trainCount: trainRows.count, testCount: testRows.count, classCount: all.classCount)
        }
    }

    /// The header of the training file alone (for the label column's did-you-mean).
    public func header(search: DataSearch = .process()) throws(DatasetError) -> [String] {
        let resolved = try Self.resolve(path, search: search)
        var header: [String]?
        do {
            try CSVReader.forEachLine(path: path, resolved: resolved) { line throws(DatasetError) in
                header = line.fields.indices.map { String(decoding: line.trimmed($0), as: UTF8.self) }
                throw .csv(.empty(path: path))  // stops the pass: the first line is all it needs
            }
        } catch .csv(.empty) where header != nil {}
        guard let header else { throw .csv(.empty(path: path)) }
        return header
    }

    /// ceil(fraction x rows) test rows drawn with the seed, the rest for training; each part in the file's order, so
    /// `shuffle: false` visits rows as written (scikit-learn's `train_test_split(test_size=f, shuffle=True)`).
    static func fractionRows(_ rows: Int, fraction: Double, path: String, seed: UInt64) throws(DatasetError) -> (train: [Int], test: [Int]) {
        let testCount = Int((Double(rows) * fraction).rounded(.up))
        guard fraction > 0, fraction < 1, testCount >= 1, testCount < rows else {
            throw .csv(.testFractionTooSmall(path: path, rows: rows, fraction: fraction))
        }
        var random = SeededRandom(seed: seed, streamNumber: Self.testSplitStream)
        let order = random.permutation(rows).map(Int.init)
        return (order[testCount...].sorted(), order[..<testCount].sorted())
    }

    /// `path` resolved by `search`: a CSV file, or the reason it is none.
    static func resolve(_ path: String, search: DataSearch) throws(DatasetError) -> String {
        let resolved = search.resolve(path)
        guard Path.isFile(resolved) else {
            if Path.isDirectory(resolved) { throw .unreadableFile(path: path, reason: "a folder, not a CSV file") }
            throw .csv(.notFound(path: path))
        }
        return resolved
    }
}
