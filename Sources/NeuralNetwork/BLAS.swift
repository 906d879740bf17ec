import CBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The engine's only door to OpenBLAS: row-major single-precision matrix products.
public enum BLAS {
    /// `C = alpha * op(A) * op(B) + beta * C`, all row-major; op(A) is m x k, op(B) is k x n, C is m x n.
    ///
    /// `lda`, `ldb` and `ldc` default to the packed row lengths of A, B and C as stored.
    /// With `beta == 1` OpenBLAS accumulates straight into C, so a bias copied into C first costs
    /// no more than the zeroing `beta == 0` does.
    @inline(__always)
    static func sgemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        beta: Float, c: UnsafeMutablePointer<Float>
    ) {
        let lda = transposeA ? m : k
        let ldb = transposeB ? k : n
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb),
            beta, c, blasint(n)
        )
    }

    /// Times repeated `C = op(A) * op(B)` products of one shape and returns the rate in GFLOP/s (2mnk per call).
    ///
    /// The benchmark divides the model's achieved rate by this one, measured on the model's own shapes
    /// in the same process, to report how close the engine gets to raw sgemm.
    /// The kernel family OpenBLAS chose for this CPU at load time (e.g. `Haswell`, `SkylakeX`, `Prescott`).
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// OpenBLAS' build line, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".
    public static var configuration: String {
        var text = String(cString: openblas_get_config())
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The threads OpenBLAS runs a product on (`OPENBLAS_NUM_THREADS`, or one per core).
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    public static func measureSgemmGFLOPS(
        m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, minimumSeconds: Double
    ) -> Double {
        precondition(m > 0 && n > 0 && k > 0, "sgemm shape must be positive")
        let a = UnsafeMutablePointer<Float>.allocate(capacity: m * k)
        let b = UnsafeMutablePointer<Float>.allocate(capacity: k * n)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: m * n)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        // Values of ordinary size: denormals or zeros would time a different machine.
        for i in 0..<(m * k) { a[i] = Float(i % 7) * 0.125 - 0.375 }
        for i in 0..<(k * n) { b[i] = Float(i % 5) * 0.25 - 0.5 }
        let product = {
            sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, b: b, beta: 0, c: c)
        }
        product()  // warm-up: thread start, page faults, packing buffers
        var calls = 0
        let start = ContinuousClock.now
        var elapsed = 0.0
        repeat {
            product()
            calls += 1
            elapsed = start.secondsSince
        } while elapsed < minimumSeconds
        return 2.0 * Double(m) * Double(n) * Double(k) * Double(calls) / elapsed / 1e9
    }
}
