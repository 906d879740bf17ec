extension CSVDatasetSource {
    /// Class ids for the training and test rows, the class names when the labels are names, and K.
    ///
    /// Integer labels: K = the largest training label + 1 (as for IDX files), and a test label >= K is an
    /// error. Name labels: the sorted distinct training names are the classes; a test name not among them is
    /// an error. At most 256 classes, since labels are held as bytes. Each mistake is the first in the file's order:
    /// a column's distinct labels are kept in the order they first appear.
    static func labels(_ train: CSVLabelColumn, test: CSVLabelColumn?, path: String, testPath: String)
        throws(DatasetError) -> (train: [UInt8], test: [UInt8], names: [String]?, classCount: Int)
    {
        let test = test ?? CSVLabelColumn()
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        if (train.texts + test.texts).allSatisfy(isClassID) {
            func classID(_ column: CSVLabelColumn, _ k: Int, path: String) throws(DatasetError) -> UInt8 {
                guard let id = Int(text(column.texts[k])), id <= 255 else {
                    throw .csv(.classIDTooLarge(path: path, line: column.firstSeen[k].line, column: column.firstSeen[k].column,
                                                label: text(column.texts[k])))
                }
                return UInt8(id)
            }
            var trainIDs: [UInt8] = []
            for k in train.texts.indices { trainIDs.append(try classID(train, k, path: path)) }
            let classCount = Int(trainIDs.max() ?? 0) + 1
            var testIDs: [UInt8] = []
            for k in test.texts.indices {
                let id = try classID(test, k, path: testPath)
                guard Int(id) < classCount else {
                    throw .csv(.unknownClass(path: testPath, line: test.firstSeen[k].line, column: test.firstSeen[k].column,
                                             label: String(id), classes: "0...\(classCount - 1)"))
                }
                testIDs.append(id)
            }
            return (train.rows.map { trainIDs[Int($0)] }, test.rows.map { testIDs[Int($0)] }, nil, classCount)
        }
        // Names compare as Swift strings (canonically equivalent spellings are one class), sorted by their UTF-8 bytes.
        let trainNames = train.texts.map(text)
        let names = Array(Set(trainNames)).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard names.count <= 256 else { throw .csv(.tooManyClasses(path: path, count: names.count)) }
        if let empty = trainNames.firstIndex(where: \.isEmpty) {
            throw .csv(.emptyLabel(path: path, line: train.firstSeen[empty].line, column: train.firstSeen[empty].column))
        }
        let ids = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, UInt8($0.offset)) })
        var testIDs: [UInt8] = []
        for (k, bytes) in test.texts.enumerated() {
            guard let id = ids[text(bytes)] else {
                throw .csv(.unknownClass(path: testPath, line: test.firstSeen[k].line, column: test.firstSeen[k].column, label: text(bytes),
                                         classes: names.map { "'\($0)'" }.joined(separator: ", ")))
            }
            testIDs.append(id)
        }
        let trainIDs = trainNames.map { ids[$0]! }
        return (train.rows.map { trainIDs[Int($0)] }, test.rows.map { testIDs[Int($0)] }, names, names.count)
    }

    private static func isClassID(_ text: [UInt8]) -> Bool {
        !text.isEmpty && text.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
