import ModelKinds

// The cross-entropies, each value beside its gradient. Formulas follow Keras 3's TensorFlow backend
// (`keras/src/backend/tensorflow/nn.py`); `g` below is the gradient written to `gradient`, already
// divided by the batch size `B` (and by the column count `C` where Keras averages over columns).

extension Loss {
    /// Softmax cross-entropy on logits z (`tf.nn.softmax_cross_entropy_with_logits`):
    /// `L = logsumexp(z) - z_y`, computed as `m + log(sum_j e^(z_j - m))`, `m = max_j z_j`;
    /// `g_j = (softmax(z)_j - [j = y]) / B`.
    func softmaxCrossEntropyFromLogits<T: KernelScalar>(
        _ z: UnsafePointer<T>, _ labels: UnsafePointer<Int32>, _ rows: Int, _ columns: Int,
        _ gradient: UnsafeMutablePointer<T>?
    ) -> Double {
        let invRows = 1 / T(rows)
        var total = 0.0
        for r in 0..<rows {
            let zr = z + r * columns, y = Int(labels[r])
            var m = zr[0]
            for j in 1..<columns where zr[j] > m { m = zr[j] }
            var sum: T = 0
            for j in 0..<columns { sum += T.exp(zr[j] - m) }
            total += Double(m + T.log(sum) - zr[y])
            if let g = gradient.map({ $0 + r * columns }) {
                let scale = invRows / sum
                for j in 0..<columns { g[j] = T.exp(zr[j] - m) * scale }
                g[y] -= invRows
            }
        }
        return total
    }

    /// Sparse categorical cross-entropy on probabilities p. Keras clips, takes the log and hands it to
    /// `sparse_softmax_cross_entropy_with_logits`, which renormalises: with `c = clip(p, eps, 1 - eps)`,
    /// `L = -log c_y + log sum_j c_j`; `g_j = (1 / sum c - [j = y] / c_y) / B` where p_j is inside the clip, else 0.
    func sparseCrossEntropyFromProbabilities<T: KernelScalar>(
        _ p: UnsafePointer<T>, _ labels: UnsafePointer<Int32>, _ rows: Int, _ columns: Int,
        _ gradient: UnsafeMutablePointer<T>?
    ) -> Double {
        let low = T(Self.epsilon), high = 1 - T(Self.epsilon), invRows = 1 / T(rows)
        var total = 0.0
        for r in 0..<rows {
            let pr = p + r * columns, y = Int(labels[r])
            var sum: T = 0
            for j in 0..<columns { sum += min(max(pr[j], low), high) }
            let cy = min(max(pr[y], low), high)
            total += Double(T.log(sum) - T.log(cy))
            if let g = gradient.map({ $0 + r * columns }) {
                let common = invRows / sum
                for j in 0..<columns { g[j] = pr[j] >= low && pr[j] <= high ? common : 0 }
                if pr[y] >= low && pr[y] <= high { g[y] -= invRows / cy }
            }
        }
        return total
    }

    /// Categorical cross-entropy on probabilities p. Keras renormalises, then clips:
    /// `q = p / sum_j p_j`, `L = -log clip(q_y, eps, 1 - eps)`;
    /// `g_j = -(1 / q_y) ([j = y] - q_y) / (B sum p)` where q_y is inside the clip, else 0.
    func categoricalCrossEntropyFromProbabilities<T: KernelScalar>(
        _ p: UnsafePointer<T>, _ labels: UnsafePointer<Int32>, _ rows: Int, _ columns: Int,
        _ gradient: UnsafeMutablePointer<T>?
    ) -> Double {
        let low = T(Self.epsilon), high = 1 - T(Self.epsilon), invRows = 1 / T(rows)
        var total = 0.0
        for r in 0..<rows {
            let pr = p + r * columns, y = Int(labels[r])
            var sum: T = 0
            for j in 0..<columns { sum += pr[j] }
            let q = pr[y] / sum
            total -= Double(T.log(min(max(q, low), high)))
            if let g = gradient.map({ $0 + r * columns }) {
                let inside = q >= low && q <= high
                let scale: T = inside ? -invRows / (q * sum) : 0
                for j in 0..<columns { g[j] = -scale * q }
                g[y] += scale
            }
        }
        return total
    }

    /// Binary cross-entropy on logits z, averaged over the C columns (`tf.nn.sigmoid_cross_entropy_with_logits`):
    /// `l = max(z, 0) - z t + log(1 + e^-|z|)`; `g = (sigmoid(z) - t) / (B C)`.
    func binaryCrossEntropyFromLogits<T: KernelScalar>(
        _ z: UnsafePointer<T>, _ labels: UnsafePointer<Int32>, _ rows: Int, _ columns: Int,
        _ gradient: UnsafeMutablePointer<T>?
    ) -> Double {
        let scale = 1 / T(rows * columns)
        var total = 0.0
        for r in 0..<rows {
            let zr = z + r * columns, y = Int(labels[r])
            var rowSum: T = 0
            for j in 0..<columns {
                let v = zr[j], t: T = Self.target(y, j, columns: columns)
                rowSum += max(v, 0) - v * t + T.log1p(T.exp(-abs(v)))
            }
            total += Double(rowSum) / Double(columns)
            if let g = gradient.map({ $0 + r * columns }) {
                for j in 0..<columns { g[j] = (logistic(zr[j]) - Self.target(y, j, columns: columns)) * scale }
            }
        }
        return total
    }

    /// Binary cross-entropy on probabilities p, averaged over the C columns: with `o = clip(p, eps, 1 - eps)`,
    /// `l = -(t log o + (1 - t) log(1 - o))`; `g = (-t / o + (1 - t) / (1 - o)) / (B C)` inside the clip, else 0.
    func binaryCrossEntropyFromProbabilities<T: KernelScalar>(
        _ p: UnsafePointer<T>, _ labels: UnsafePointer<Int32>, _ rows: Int, _ columns: Int,
        _ gradient: UnsafeMutablePointer<T>?
    ) -> Double {
        let low = T(Self.epsilon), high = 1 - T(Self.epsilon), scale = 1 / T(rows * columns)
        var total = 0.0
        for r in 0..<rows {
            let pr = p + r * columns, y = Int(labels[r])
            var rowSum: T = 0
            for j in 0..<columns {
                let o = min(max(pr[j], low), high), t: T = Self.target(y, j, columns: columns)
                rowSum -= t * T.log(o) + (1 - t) * T.log(1 - o)
            }
            total += Double(rowSum) / Double(columns)
            if let g = gradient.map({ $0 + r * columns }) {
                for j in 0..<columns {
                    let v = pr[j], t: T = Self.target(y, j, columns: columns)
                    g[j] = v >= low && v <= high ? (-t / v + (1 - t) / (1 - v)) * scale : 0
                }
            }
        }
        return total
    }
}
