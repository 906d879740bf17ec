import ModelKinds
import YAML

extension Compiler {
    /// `data: {dataset: mnist, preprocess: {flatten: true, scale: 255, standardize: false}}`.
    func data(_ node: Node, _ c: inout Checker) -> DataSpec? {
        guard let pairs = c.mapping(node, "data", example: "{dataset: mnist}") else { return nil }
        c.checkKeys(pairs, known: Schema.dataKeys, in: "data")
        let dataset = c.value(pairs, "dataset", required: true, in: "data", at: node.mark).flatMap { self.dataset($0, &c) }
        var flatten: Bool? = true
        var scale: Double? = 1
        var standardize: Bool? = false
        if let preprocess = c.value(pairs, "preprocess", required: false, in: "data", at: node.mark) {
            guard let options = c.mapping(preprocess, "data.preprocess", example: "{flatten: true, scale: 255}") else { return nil }
            c.checkKeys(options, known: Schema.preprocessKeys, in: "data.preprocess")
            if let f = c.value(options, "flatten", required: false, in: nil, at: preprocess.mark) {
                flatten = c.bool(f, "data.preprocess.flatten")
            }
            if let s = c.value(options, "scale", required: false, in: nil, at: preprocess.mark) {
                scale = c.double(s, "data.preprocess.scale", .positive)
            }
            if let s = c.value(options, "standardize", required: false, in: nil, at: preprocess.mark) {
                standardize = c.bool(s, "data.preprocess.standardize")
            }
        }
        guard let dataset, let flatten, let scale, let standardize else { return nil }
        return DataSpec(dataset: dataset, flatten: flatten, scale: scale, standardize: standardize)
    }

    /// A built-in name, a folder of IDX files written as a path containing '/', or a CSV mapping.
    private func dataset(_ node: Node, _ c: inout Checker) -> Dataset? {
        if let pairs = node.mapping {
            if pairs.contains(where: { $0.key.scalar?.text == "csv" }) { return csv(node, pairs, &c) }
            // resolved.json's form of a folder: {idx_folder: PATH}.
            c.checkKeys(pairs, known: ["idx_folder"] + Schema.csvKeys, in: "data.dataset")
            guard pairs.count == 1, let path = c.value(pairs, "idx_folder", required: true, in: "data.dataset", at: node.mark),
                  let text = c.string(path, "data.dataset.idx_folder") else { return nil }
            return folder(text, at: path, &c)
        }
        guard let text = c.string(node, "data.dataset") else { return nil }
        switch Self.dataset(named: text) {
        case .success(.idxFolder(let path)): return folder(path, at: node, &c)
        case .success(let dataset): return dataset
        case .failure(let problem):
            c.error(node.mark, problem.message)
            return nil
        }
    }

    /// A folder of IDX files, whose headers are read now (through `idxFolderShape`) so a missing folder or
    /// file is reported here, once, rather than when a run loads the data.
    private func folder(_ path: String, at node: Node, _ c: inout Checker) -> Dataset {
        if case .unusable(let message) = idxFolderShape(path) { c.error(node.mark, message) }
        return .idxFolder(path)
    }

    /// A dataset written as one word: a built-in name or a folder of IDX files (a path containing '/'), as the
    /// file's `data.dataset` and `runner evaluate --data` take it; the failure says what to write instead.
    public static func dataset(named text: String) -> Result<Dataset, DatasetNameProblem> {
        if text.contains("/") {
            if text.lowercased().hasSuffix(".csv") {
                return .failure(DatasetNameProblem(message: "a CSV dataset needs its label column and test split: write {csv: \(text), label: COLUMN, test_csv: PATH} or {csv: \(text), label: COLUMN, test_fraction: 0.2}"))
            }
            return .success(.idxFolder(text))
        }
        if let known = Schema.datasets.first(where: { $0.name == text }) { return .success(known.dataset) }
        let names = Schema.datasets.map(\.name)
        if let close = Suggestion.closest(to: text, among: names) {
            return .failure(DatasetNameProblem(message: "unknown dataset '\(text)'; did you mean '\(close)'?"))
        }
        return .failure(DatasetNameProblem(message: "unknown dataset '\(text)' (expected \(names.joined(separator: ", ")), a folder of IDX files written as a path containing '/', e.g. ./data/my-idx, or {csv: PATH, label: COLUMN, test_csv: PATH})"))
    }

    /// `{csv: PATH, label: COLUMN, test_csv: PATH | test_fraction: F}`: exactly one of the two test keys, since
    /// every run reports test accuracy; the file is read here (through `csvProbe`) so its mistakes show now.
    private func csv(_ node: Node, _ pairs: [Node.Pair], _ c: inout Checker) -> Dataset? {
        c.checkKeys(pairs, known: Schema.csvKeys, in: "data.dataset")
        let path = c.value(pairs, "csv", required: true, in: "data.dataset", at: node.mark)
            .flatMap { c.string($0, "data.dataset.csv") }
        let labelNode = c.value(pairs, "label", required: true, in: "data.dataset", at: node.mark)
        let label = labelNode.flatMap { c.string($0, "data.dataset.label") }
        let file = c.value(pairs, "test_csv", required: false, in: nil, at: node.mark)
        let fraction = c.value(pairs, "test_fraction", required: false, in: nil, at: node.mark)
        var test: CSVDataset.Test?
        switch (file, fraction) {
        case (let file?, nil):
            test = c.string(file, "data.dataset.test_csv").map { .file($0) }
        case (nil, let fraction?):
            let bounds = Bounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false)
            test = c.double(fraction, "data.dataset.test_fraction", bounds).map { .fraction($0) }
        case (_?, let fraction?):
            c.error(fraction.mark, "give either 'test_csv' (a separate test file) or 'test_fraction' (a seeded share of the rows), not both")
        case (nil, nil):
            c.error(node.mark, "a CSV dataset needs its test split: add 'test_csv: PATH' (a file with the same header) or 'test_fraction: 0.2' (a seeded share of the rows)")
        }
        guard let path, let label, let test else { return nil }
        if path.isEmpty { c.error(pairs.first { $0.key.scalar?.text == "csv" }!.value.mark, "'data.dataset.csv' is empty; give the CSV file's path") }
        let csv = CSVDataset(path: path, label: label, test: test)
        switch csvProbe(csv) {
        case .shape, .unknown:
            return csv.path.isEmpty ? nil : .csv(csv)
        case let .unusableFile(key, message):
            c.error((c.value(pairs, key, required: false, in: nil, at: node.mark) ?? node).mark, message)
        case .missingLabel(let header):
            var message = "no column '\(label)' in the header of \(path)"
            if let close = Suggestion.closest(to: label, among: header) {
                message += "; did you mean '\(close)'?"
            } else {
                message += "; the columns are \(header.map { "'\($0)'" }.joined(separator: ", "))"
            }
            c.error(labelNode!.mark, message)
        case let .badContent(mark, message):
            c.error(mark, message)
        }
        return nil
    }
}

/// Why a dataset name is not one the compiler knows, in the words of its diagnostic.
public struct DatasetNameProblem: Error, Sendable {
    public var message: String
}
