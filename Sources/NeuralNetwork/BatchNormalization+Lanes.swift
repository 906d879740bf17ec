/// Batch normalization's loops for Float, eight channels at a time (`runsInLanes`: channels a multiple of
/// eight). Each lane does the generic loop's Double arithmetic for its channel, operation for operation and
/// row after row in the same order, so the bits are the generic loops' (`BatchNormalizationTests` checks
/// them against the formulas written out value by value).
///
/// Why: the generic loops, with a Double conversion, optional gamma and beta and a division per value and
/// partial sums that might alias the input, compiled to scalar code, and batch normalization took 45% of a
/// Fashion-MNIST convnet's training time.
extension BatchNormalizationPass {
    /// The Sums pass's partials of one chunk, `values` rows of `channels` Floats from `x` (and `dy`): a group of
    /// eight channels at a time down all the rows, its sums held in registers.
    func sumsInLanes(_ kind: Sum, x: UnsafeRawPointer, dy: UnsafeRawPointer?, values: Int, into part: UnsafeMutablePointer<Double>) {
        let c = channels, sums = UnsafeMutableRawPointer(part), rowBytes = c &* 4
        var j = 0
        while j < c {
            let groupMean = UnsafeRawPointer(mean).loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self)
            let groupScale = UnsafeRawPointer(inverseStd).loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self)
            var sum = sums.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self)
            var dyXhat = sums.loadUnaligned(fromByteOffset: (c &+ j) &* 8, as: SIMD8<Double>.self)
            var row = x + j &* 4
            switch kind {
            case .mean:
                for _ in 0..<values {
                    sum += SIMD8<Double>(row.loadUnaligned(as: SIMD8<Float>.self))
                    row += rowBytes
                }
            case .squaredDeviation:
                for _ in 0..<values {
                    let d = SIMD8<Double>(row.loadUnaligned(as: SIMD8<Float>.self)) - groupMean
                    sum += d * d
                    row += rowBytes
                }
            case .gradient:
                var gradients = dy! + j &* 4
                for _ in 0..<values {
                    let g = SIMD8<Double>(gradients.loadUnaligned(as: SIMD8<Float>.self))
                    let xhat = (SIMD8<Double>(row.loadUnaligned(as: SIMD8<Float>.self)) - groupMean) * groupScale
                    sum += g
                    dyXhat += g * xhat
                    row += rowBytes
                    gradients += rowBytes
                }
                sums.storeBytes(of: dyXhat, toByteOffset: (c &+ j) &* 8, as: SIMD8<Double>.self)
            }
            sums.storeBytes(of: sum, toByteOffset: j &* 8, as: SIMD8<Double>.self)
            j &+= 8
        }
    }

    /// `y = gamma * Float((x - mean) / std) + beta` over `values` rows (gamma 1 and beta 0 when absent, as
    /// the generic loop's `?? 1` and `?? 0`).
    func normalizeInLanes(x: UnsafeRawPointer, y: UnsafeMutableRawPointer, values: Int) {
        let c = channels, rowBytes = c &* 4
        let means = UnsafeRawPointer(mean), scales = UnsafeRawPointer(inverseStd)
        let gammas = gamma.map { UnsafeRawPointer($0) }, betas = beta.map { UnsafeRawPointer($0) }
        for v in 0..<values {
            var j = 0
            while j < c {
                let value = SIMD8<Double>(x.loadUnaligned(fromByteOffset: v &* rowBytes &+ j &* 4, as: SIMD8<Float>.self))
                let xhat = SIMD8<Float>((value - means.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self))
                    * scales.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self))
                let g = gammas?.loadUnaligned(fromByteOffset: j &* 4, as: SIMD8<Float>.self) ?? SIMD8(repeating: 1)
                let b = betas?.loadUnaligned(fromByteOffset: j &* 4, as: SIMD8<Float>.self) ?? SIMD8(repeating: 0)
                y.storeBytes(of: g * xhat + b, toByteOffset: v &* rowBytes &+ j &* 4, as: SIMD8<Float>.self)
                j &+= 8
            }
        }
    }

    /// `dx = Float(scale * (n * dy - sum dy - xhat * sum dy xhat))` over `values` rows, `scale` being
    /// `gradientScale`.
    func inputGradientInLanes(x: UnsafeRawPointer, dy: UnsafeRawPointer, dx: UnsafeMutableRawPointer, n: Double, values: Int) {
        let c = channels, rowBytes = c &* 4, count = SIMD8<Double>(repeating: n)
        let means = UnsafeRawPointer(mean), scales = UnsafeRawPointer(inverseStd)
        let sumsDy = UnsafeRawPointer(sumDy), sumsDyXhat = UnsafeRawPointer(sumDyXhat), factors = UnsafeRawPointer(gradientScale)
        for v in 0..<values {
            var j = 0
            while j < c {
                let offset = v &* rowBytes &+ j &* 4
                let value = SIMD8<Double>(x.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self))
                let g = SIMD8<Double>(dy.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self))
                let xhat = (value - means.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self))
                    * scales.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self)
                let inner = count * g - sumsDy.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self)
                    - xhat * sumsDyXhat.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self)
                let result = factors.loadUnaligned(fromByteOffset: j &* 8, as: SIMD8<Double>.self) * inner
                dx.storeBytes(of: SIMD8<Float>(result), toByteOffset: offset, as: SIMD8<Float>.self)
                j &+= 8
            }
        }
    }
}
