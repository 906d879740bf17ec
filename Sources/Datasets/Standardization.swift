/// Per-feature standardisation, `x' = (x - mean) / std`, with the statistics of the training split alone.
///
/// As scikit-learn's `StandardScaler` and Keras' `Normalization.adapt`: `mean` and the population standard
/// deviation (divisor n, not n - 1) of each feature over the training samples, after `scale`. They are fitted
/// after the validation split is cut off, so neither validation nor test data leaks into the statistics, and
/// the same numbers are then applied to training, validation and test batches.
///
/// A feature that is constant in the training split (std 0, e.g. MNIST's corner pixels) is centred but left
/// unscaled: its `std` is stored as 1, as `StandardScaler` does (`_handle_zeros_in_scale`), rather than
/// dividing by zero.
public struct Standardization: Sendable, Equatable {
    public let mean: [Float]
    /// The divisor per feature: the standard deviation, or 1 where it is 0.
    public let std: [Float]

    public init(mean: [Float], std: [Float]) {
        precondition(mean.count == std.count, "\(mean.count) means for \(std.count) deviations")
        self.mean = mean
        self.std = std
    }

    /// The statistics of `source`'s samples as its preprocessing (without standardisation) delivers them.
    ///
    /// Sums in Double over batches of 1024 gathered samples: float32 sums of 60000 values would lose about
    /// three digits; the two passes (mean, then squared deviations) avoid the cancellation of E[x^2] - E[x]^2.
    public static func fit(_ source: BatchSource) -> Standardization {
        var plain = source.preprocessing
        plain.standardization = nil
        let raw = BatchSource(split: source.split, preprocessing: plain)
        let features = raw.featureCount, count = raw.count
        precondition(count > 0, "standardisation of an empty split")
        var sum = [Double](repeating: 0, count: features)
        forEachBatch(raw) { rows, n in
            for r in 0..<n { for j in 0..<features { sum[j] += Double(rows[r * features + j]) } }
        }
        let mean = sum.map { $0 / Double(count) }
        var squares = [Double](repeating: 0, count: features)
        forEachBatch(raw) { rows, n in
            for r in 0..<n {
                for j in 0..<features {
                    let d = Double(rows[r * features + j]) - mean[j]
                    squares[j] += d * d
                }
            }
        }
        let std = squares.map { ($0 / Double(count)).squareRoot() }
        return Standardization(mean: mean.map { Float($0) }, std: std.map { $0 == 0 ? 1 : Float($0) })
    }

    /// `x' = (x - mean) / std` in place over `rows` samples of `mean.count` features each: the one place the
    /// statistics are applied, to training batches and to inputs given to `runner predict` alike.
    public func apply(to rows: UnsafeMutablePointer<Float>, rows count: Int) {
        let features = mean.count
        mean.withUnsafeBufferPointer { mean in
            std.withUnsafeBufferPointer { std in
                for row in 0..<count {
                    let x = rows + row * features
                    for j in 0..<features { x[j] = (x[j] - mean[j]) / std[j] }
                }
            }
        }
    }

    private static func forEachBatch(_ source: BatchSource, _ body: (UnsafePointer<Float>, Int) -> Void) {
        let batch = 1024, features = source.featureCount
        let rows = UnsafeMutablePointer<Float>.allocate(capacity: batch * features)
        let labels = UnsafeMutablePointer<Int32>.allocate(capacity: batch)
        defer { rows.deallocate(); labels.deallocate() }
        source.forEachBatch(size: batch, images: rows, labels: labels) { n in body(rows, n) }
    }
}
