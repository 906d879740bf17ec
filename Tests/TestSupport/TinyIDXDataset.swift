/// A tiny IDX dataset (64 training and 16 test images of 4 x 4, ten classes) written into a folder, so an
/// epoch takes about a millisecond.
public enum TinyIDXDataset {
    /// An IDX file: the magic for unsigned bytes, the dimensions big-endian, then `data`.
    public static func idx(_ dimensions: [Int], _ data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions { bytes += [24, 16, 8, 0].map { (shift: Int) -> UInt8 in UInt8(truncatingIfNeeded: d >> shift) } }
        return bytes + data
    }

    /// Writes the four files into `folder`/`subfolder` (`train-...` and `t10k-...`).
    public static func write(into folder: TemporaryDirectory, subfolder: String = "data") {
        for (prefix, count) in [("train", 64), ("t10k", 16)] {
            let pixels: [UInt8] = (0..<count * 16).map { (k: Int) -> UInt8 in UInt8((k / 16 * 7 + k % 16 * 13) % 256) }
            let labels: [UInt8] = (0..<count).map { (i: Int) -> UInt8 in UInt8(i % 10) }
            folder.write("\(subfolder)/\(prefix)-images-idx3-ubyte", idx([count, 4, 4], pixels))
            folder.write("\(subfolder)/\(prefix)-labels-idx1-ubyte", idx([count], labels))
        }
    }

    /// The experiment the tiny tests train: 16 -> 4 relu -> 10 softmax, SGD, batch 16, evaluated on the test split.
    public static func experiment(name: String = "tiny", epochs: Int, dataset: String = "{idx_folder: ./data}",
                                  preprocess: String = "{flatten: true, scale: 255}") -> String {
        """
        name: \(name)
        seed: 1
        data:
          dataset: \(dataset)
          preprocess: \(preprocess)
        model:
          layers:
            - {dense: 4, activation: relu}
            - {dense: 10, activation: softmax}
        compile:
          optimizer: sgd
          loss: sparse_categorical_crossentropy
          metrics: [accuracy]
        fit:
          epochs: \(epochs)
          batch_size: 16
          validation: test

        """
    }
}
