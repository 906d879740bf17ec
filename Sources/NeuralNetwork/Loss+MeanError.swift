// The mean errors, averaged over the C columns and then over the batch B, as Keras'
// `mean_squared_error` / `mean_absolute_error` (`keras/src/losses/losses.py`); `g` is already divided by B C.

extension Loss {
    /// `l = (p - t)^2`; `g = 2 (p - t) / (B C)`.
    func meanSquaredError<T: KernelScalar>(
        _ p: UnsafePointer<T>, _ labels: UnsafePointer<Int32>, _ rows: Int, _ columns: Int,
        _ gradient: UnsafeMutablePointer<T>?
    ) -> Double {
        let scale = 2 / T(rows * columns)
        var total = 0.0
        for r in 0..<rows {
            let pr = p + r * columns, y = Int(labels[r])
            var rowSum: T = 0
            for j in 0..<columns {
                let d = pr[j] - Self.target(y, j, columns: columns)
                rowSum += d * d
                gradient?[r * columns + j] = d * scale
            }
            total += Double(rowSum) / Double(columns)
        }
        return total
    }

    /// `l = |p - t|`; `g = sign(p - t) / (B C)`, 0 where p = t (TensorFlow's gradient of abs).
    func meanAbsoluteError<T: KernelScalar>(
        _ p: UnsafePointer<T>, _ labels: UnsafePointer<Int32>, _ rows: Int, _ columns: Int,
        _ gradient: UnsafeMutablePointer<T>?
    ) -> Double {
        let scale = 1 / T(rows * columns)
        var total = 0.0
        for r in 0..<rows {
            let pr = p + r * columns, y = Int(labels[r])
            var rowSum: T = 0
            for j in 0..<columns {
                let d = pr[j] - Self.target(y, j, columns: columns)
                rowSum += abs(d)
                gradient?[r * columns + j] = d > 0 ? scale : (d < 0 ? -scale : 0)
            }
            total += Double(rowSum) / Double(columns)
        }
        return total
    }
}
