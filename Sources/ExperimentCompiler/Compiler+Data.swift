import YAML

extension Compiler {
    /// `data: {dataset: mnist, preprocess: {flatten: true, scale: 255}}`.
    func data(_ node: Node, _ c: inout Checker) -> DataSpec? {
        guard let pairs = c.mapping(node, "data", example: "{dataset: mnist}") else { return nil }
        c.checkKeys(pairs, known: Vocabulary.dataKeys, in: "data")
        let dataset = c.value(pairs, "dataset", required: true, in: "data", at: node.mark).flatMap { self.dataset($0, &c) }
        var flatten: Bool? = true
        var scale: Double? = 1
        if let preprocess = c.value(pairs, "preprocess", required: false, in: "data", at: node.mark) {
            guard let options = c.mapping(preprocess, "data.preprocess", example: "{flatten: true, scale: 255}") else { return nil }
            c.checkKeys(options, known: Vocabulary.preprocessKeys, in: "data.preprocess")
            if let f = c.value(options, "flatten", required: false, in: nil, at: preprocess.mark) {
                flatten = c.bool(f, "data.preprocess.flatten")
                if flatten == false {
                    c.error(f.mark, "'data.preprocess.flatten' must be true: the model starts with a dense layer, which takes each example as a vector")
                    flatten = nil
                }
            }
            if let s = c.value(options, "scale", required: false, in: nil, at: preprocess.mark) {
                scale = c.double(s, "data.preprocess.scale", .positive)
            }
        }
        guard let dataset, let flatten, let scale else { return nil }
        return DataSpec(dataset: dataset, flatten: flatten, scale: scale)
    }

    /// A built-in name, or a folder of IDX files written as a path containing '/'.
    private func dataset(_ node: Node, _ c: inout Checker) -> Dataset? {
        if let pairs = node.mapping {
            // resolved.json's form of a folder: {idx_folder: PATH}.
            c.checkKeys(pairs, known: ["idx_folder"], in: "data.dataset")
            guard pairs.count == 1, let path = c.value(pairs, "idx_folder", required: true, in: "data.dataset", at: node.mark),
                  let text = c.string(path, "data.dataset.idx_folder") else { return nil }
            return .idxFolder(text)
        }
        guard let text = c.string(node, "data.dataset") else { return nil }
        if text.contains("/") { return .idxFolder(text) }
        if let known = Vocabulary.datasets.first(where: { $0.name == text }) { return known.dataset }
        let names = Vocabulary.datasets.map(\.name)
        if let close = Suggestion.closest(to: text, among: names) {
            c.error(node.mark, "unknown dataset '\(text)'; did you mean '\(close)'?")
        } else {
            c.error(node.mark, "unknown dataset '\(text)' (expected \(names.joined(separator: ", ")), or a folder of IDX files written as a path containing '/', e.g. ./data/my-idx)")
        }
        return nil
    }
}
