extension CSVDatasetSource {
    /// Class ids for the training and test label fields, the class names when the labels are names, and K.
    ///
    /// Integer labels: K = the largest training label + 1 (as for IDX files), and a test label >= K is an
    /// error. Name labels: the sorted distinct training names are the classes; a test name not among them is
    /// an error. At most 256 classes, since labels are held as bytes.
    static func labels(_ train: [CSVTable.Field], test: [CSVTable.Field], path: String, testPath: String)
        throws(DatasetError) -> (train: [UInt8], test: [UInt8], names: [String]?, classCount: Int)
    {
        let all = train + test
        if all.allSatisfy({ isClassID($0.text.trimmingSpaces) }) {
            var trainIDs: [UInt8] = []
            for field in train { trainIDs.append(try classID(field, path: path)) }
            let classCount = Int(trainIDs.max() ?? 0) + 1
            var testIDs: [UInt8] = []
            for field in test {
                let id = try classID(field, path: testPath)
                guard Int(id) < classCount else {
                    throw .csv(.unknownClass(path: testPath, line: field.line, column: field.column, label: String(id),
                                           classes: "0...\(classCount - 1)"))
                }
                testIDs.append(id)
            }
            return (trainIDs, testIDs, nil, classCount)
        }
        let names = Array(Set(train.map { String($0.text.trimmingSpaces) })).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard names.count <= 256 else { throw .csv(.tooManyClasses(path: path, count: names.count)) }
        if let empty = train.first(where: { $0.text.trimmingSpaces.isEmpty }) {
            throw .csv(.emptyLabel(path: path, line: empty.line, column: empty.column))
        }
        let ids = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, UInt8($0.offset)) })
        var testIDs: [UInt8] = []
        for field in test {
            guard let id = ids[String(field.text.trimmingSpaces)] else {
                throw .csv(.unknownClass(path: testPath, line: field.line, column: field.column, label: String(field.text.trimmingSpaces),
                                       classes: names.map { "'\($0)'" }.joined(separator: ", ")))
            }
            testIDs.append(id)
        }
        return (train.map { ids[String($0.text.trimmingSpaces)]! }, testIDs, names, names.count)
    }

    private static func isClassID(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    private static func classID(_ field: CSVTable.Field, path: String) throws(DatasetError) -> UInt8 {
        let text = field.text.trimmingSpaces
        guard let id = Int(text), id <= 255 else {
            throw .csv(.classIDTooLarge(path: path, line: field.line, column: field.column, label: String(text)))
        }
        return UInt8(id)
    }
}
