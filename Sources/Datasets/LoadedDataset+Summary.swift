extension LoadedDataset {
    /// What `runner data info` prints: numpy's view of the arrays (`train_images.shape` is `(60000, 28, 28)`,
    /// `train_labels.dtype` is `uint8`), then the samples per class in each split, as the tutorial's `.shape`
    /// and `len()` lines show them.
    ///
    /// Images are bytes (`uint8`), CSV features the `float32` the network receives; labels are one byte each.
    public var summary: String {
        var lines = ["dataset: \(name)"]
        let kind = train.holdsBytes ? "images" : "features"
        let dtype = train.holdsBytes ? "uint8" : "float32"
        for (splitName, split) in [("train", train), ("test", test)] {
            lines.append("\(splitName) \(kind): shape \(Self.tuple([split.count] + split.sampleShape)), dtype \(dtype)")
            lines.append("\(splitName) labels: shape \(Self.tuple([split.count])), dtype uint8, \(Self.preview(split))")
        }
        if let names = train.featureNames { lines.append("feature columns: " + names.joined(separator: ", ")) }
        lines.append("classes: \(classCount)")
        lines.append("")
        let trainCounts = train.classCounts(classCount), testCounts = test.classCounts(classCount)
        var rows = [["class", "train", "test"] + (classNames == nil ? [] : ["name"])]
        for k in 0..<classCount {
            rows.append([String(k), String(trainCounts[k]), String(testCounts[k])] + (classNames.map { [$0[k]] } ?? []))
        }
        rows.append(["total", String(train.count), String(test.count)] + (classNames == nil ? [] : [""]))
        lines += Self.aligned(rows)
        return lines.joined(separator: "\n") + "\n"
    }

    /// numpy's tuple: `(60000, 28, 28)`, and `(60000,)` for one dimension.
    static func tuple(_ dimensions: [Int]) -> String {
        dimensions.count == 1 ? "(\(dimensions[0]),)" : "(" + dimensions.map(String.init).joined(separator: ", ") + ")"
    }

    /// numpy's abbreviated array: `[5, 0, 4, ..., 5, 6, 8]` (all of it up to six labels).
    static func preview(_ split: DatasetSplit) -> String {
        let n = split.count
        let shown = n <= 6 ? Array(0..<n).map { String(split.label($0)) }
            : [0, 1, 2].map { String(split.label($0)) } + ["..."] + [n - 3, n - 2, n - 1].map { String(split.label($0)) }
        return "[" + shown.joined(separator: ", ") + "]"
    }

    /// Columns padded to their widest cell: numbers right-aligned, the name column (4th) left-aligned.
    static func aligned(_ rows: [[String]]) -> [String] {
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 || c == 3 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
