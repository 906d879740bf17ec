import ModelKinds

extension Activation {
    /// Row-wise softmax, `y_j = e^(x_j - m) / sum_k e^(x_k - m)` with `m = max_k x_k` so no exponent is positive.
    func softmaxForward<T: KernelScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let xr = x + r * columns, yr = y + r * columns
            var m = xr[0]
            for j in 1..<max(columns, 1) where xr[j] > m { m = xr[j] }
            var sum: T = 0
            for j in 0..<columns { let e = T.exp(xr[j] - m); yr[j] = e; sum += e }
            let inverse = 1 / sum
            for j in 0..<columns { yr[j] *= inverse }
        }
    }

    /// Softmax's Jacobian-vector product: `dx_j = y_j (dy_j - sum_k dy_k y_k)`.
    func softmaxBackward<T: KernelScalar>(
        y: UnsafePointer<T>, dy: UnsafePointer<T>, dx: UnsafeMutablePointer<T>, rows: Int, columns: Int
    ) {
        for r in 0..<rows {
            let yr = y + r * columns, dyr = dy + r * columns, dxr = dx + r * columns
            var dot: T = 0
            for j in 0..<columns { dot += dyr[j] * yr[j] }
            for j in 0..<columns { dxr[j] = yr[j] * (dyr[j] - dot) }
        }
    }
}
