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
    /// `lda`, `ldb` and `ldc` default to the packed row lengths of A, B and C as stored; a tile of a
    /// larger matrix passes the larger matrix's row length. With `beta == 1` OpenBLAS accumulates straight
    /// into C, so a bias copied into C first costs no more than the zeroing `beta == 0` does.
    @inline(__always)
    static func sgemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int? = nil, b: UnsafePointer<Float>, ldb: Int? = nil,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int? = nil
    ) {
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda ?? (transposeA ? m : k)), b, blasint(ldb ?? (transposeB ? k : n)),
            beta, c, blasint(ldc ?? n)
        )
    }

    /// `dgemm`, as `sgemm`: the Double products of the gradient checks, which run the layers' own kernels in Double.
    @inline(__always)
    static func dgemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Double>, lda: Int? = nil, b: UnsafePointer<Double>, ldb: Int? = nil,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int? = nil
    ) {
        cblas_dgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k),
            1, a, blasint(lda ?? (transposeA ? m : k)), b, blasint(ldb ?? (transposeB ? k : n)),
            beta, c, blasint(ldc ?? n)
        )
    }

    /// One OpenBLAS thread per call: the engine's `WorkerPool` runs the products' tiles side by side, and
    /// OpenBLAS' own threads would change its summation order with their number.
    static func makeSingleThreaded() { openblas_set_num_threads(1) }

    /// OpenBLAS' own threads for a while (the benchmark's reference rate), then one again.
    public static func withOpenBLASThreads<T>(_ count: Int, _ body: () -> T) -> T {
        _ = WorkerPool.shared  // started first, so its own `makeSingleThreaded` cannot undo the count
        openblas_set_num_threads(Int32(count))
        defer { openblas_set_num_threads(1) }
        return body()
    }

    /// The kernel family OpenBLAS chose for this CPU at load time (e.g. `Haswell`, `SkylakeX`, `Prescott`).
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// OpenBLAS' build line, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".
    public static var configuration: String {
        var text = String(cString: openblas_get_config())
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The threads the engine runs on (`WorkerPool.shared`: `OPENBLAS_NUM_THREADS`, or one per core);
    /// OpenBLAS itself runs one thread inside each task.
    public static var threadCount: Int { WorkerPool.shared.threadCount }

    /// Times repeated `C = op(A) * op(B)` products of one shape and returns the rate in GFLOP/s (2mnk per call).
    ///
    /// The benchmark divides the model's achieved rate by this one, measured on the model's own shapes
    /// in the same process, to report how close the engine gets to raw sgemm.
    /// It runs OpenBLAS as it is set (one thread, unless inside `withOpenBLASThreads`).
    public static func measureSgemmGFLOPS(
        m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, minimumSeconds: Double, tiled: Bool = false
    ) -> Double {
        precondition(m > 0 && n > 0 && k > 0, "sgemm shape must be positive")
        _ = WorkerPool.shared
        let a = UnsafeMutablePointer<Float>.allocate(capacity: m * k)
        let b = UnsafeMutablePointer<Float>.allocate(capacity: k * n)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: m * n)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        // Values of ordinary size: denormals or zeros would time a different machine.
        for i in 0..<(m * k) { a[i] = Float(i % 7) * 0.125 - 0.375 }
        for i in 0..<(k * n) { b[i] = Float(i % 5) * 0.25 - 0.5 }
        let product = {
            if tiled {
                tiledProduct(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, b: b, c: c)
            } else {
                sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, b: b, beta: 0, c: c)
            }
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

/// A scalar with a BLAS product: Float (training, `sgemm`) or Double (gradient checks, `dgemm`), so the
/// convolution's kernels are one generic code path.
public protocol GEMMScalar: KernelScalar {
    /// `C = op(A) op(B) + beta C`, row-major, as `BLAS.sgemm`.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: GEMMScalar {
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                   beta: beta, c: c, ldc: ldc)
    }
}

extension Double: GEMMScalar {
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        BLAS.dgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                   beta: beta, c: c, ldc: ldc)
    }
}
