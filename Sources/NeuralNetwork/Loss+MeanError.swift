import ModelKinds

// The mean errors, averaged over the C columns and then over the batch B, as Keras'
// `mean_squared_error` / `mean_absolute_error` (`keras/src/losses/losses.py`); `g` is already divided by B C.

extension Loss {
    /// `l = (p - t)^2`; `g = 2 (p - t) / (B C)`.
    func meanSquaredError<T: KernelScalar>(
        _ p: UnsafePointer<T>, _ labels: UnsafePointer<Int32>, _ rows: Int, _ columns: Int,
        _ gradient: UnsafeMutablePointer<T>?
    ) -> Double {
        meanError(p, labels, rows, columns, gradient, scale: 2 / T(rows * columns)) { d in (d * d, d) }
    }

    /// `l = |p - t|`; `g = sign(p - t) / (B C)`, 0 where p = t (TensorFlow's gradient of abs).
    func meanAbsoluteError<T: KernelScalar>(
        _ p: UnsafePointer<T>, _ labels: UnsafePointer<Int32>, _ rows: Int, _ columns: Int,
        _ gradient: UnsafeMutablePointer<T>?
    ) -> Double {
        meanError(p, labels, rows, columns, gradient, scale: 1 / T(rows * columns)) { d in
            (abs(d), d > 0 ? 1 : (d < 0 ? -1 : 0))
        }
    }

    /// The loop both share: `error(d)` gives the element's loss and its slope for `d = p - t`;
    /// the gradient is the slope times `scale`, the loss the row's mean summed over rows.
    @inline(__always)
    private func meanError<T: KernelScalar>(
        _ p: UnsafePointer<T>, _ labels: UnsafePointer<Int32>, _ rows: Int, _ columns: Int,
        _ gradient: UnsafeMutablePointer<T>?, scale: T, _ error: (T) -> (loss: T, slope: T)
    ) -> Double {
        var total = 0.0
        for r in 0..<rows {
            let pr = p + r * columns, y = Int(labels[r])
            var rowSum: T = 0
            for j in 0..<columns {
                let (loss, slope) = error(pr[j] - Self.target(y, j, columns: columns))
                rowSum += loss
                gradient?[r * columns + j] = slope * scale
            }
            total += Double(rowSum) / Double(columns)
        }
        return total
    }
}
