/// The fixed runs of samples that image layers cut a batch into: samples `[start, start + count)` of
/// `perTask` each (the last one shorter), one pool task each.
///
/// As `ProductTiles` for columns, the chunks depend on the batch's rows only, never on the thread count, and
/// every reduction over samples (a convolution's weight and bias gradients, batch normalization's sums) is
/// one partial per chunk, added in chunk order: 1, 2 or 5 threads give the same bits. Why 16: a 128-sample
/// batch makes 8 tasks, enough to keep 2-4 threads busy, while each chunk's product is large enough for
/// sgemm's packing to pay (16 x 121 = 1,936 rows for the MNIST convnet's second convolution, 16 x 676 for
/// its first); 8 samples per chunk took about 10% more CPU time per epoch. Where no sum spans the chunk,
/// work goes a quarter chunk at a time (`pieces`): a forward through convolution and pooling, a
/// convolution's input gradient. Four samples' values fit a core's cache from one layer to the next, where
/// sixteen samples' spill (MNIST convnet: 3-4% less time per epoch than whole chunks, 2 or 8 samples no better).
/// Pieces are fixed as chunks are, so they never make the bits depend on the thread count. They are not
/// always the whole chunk's bits: with OpenBLAS' AVX-512 kernels the MNIST and Fashion-MNIST convnets' files
/// stayed byte for byte the same, with its Haswell kernels they changed (OpenBLAS runs some smaller
/// products through other code).
public struct SampleChunks {
    public static let perTask = 16
    /// The pieces a chunk's forward runs in through layers that treat each sample alone (`ChunkedStages`).
    static let piecesPerChunk = 4

    let rows: Int
    /// Samples per chunk: `perTask`, or `perTask / piecesPerChunk` for `pieces`.
    let size: Int

    init(rows: Int) { (self.rows, size) = (rows, Self.perTask) }

    private init(rows: Int, size: Int) { (self.rows, self.size) = (rows, size) }

    var count: Int { (rows + size - 1) / size }

    /// The same rows cut `piecesPerChunk` times finer: chunk `i` is pieces `i * piecesPerChunk ..<` of these.
    var pieces: SampleChunks { SampleChunks(rows: rows, size: size / Self.piecesPerChunk) }

    /// The pieces (indices into `pieces`) of chunk `index`.
    func pieces(of index: Int) -> Range<Int> {
        let first = index * Self.piecesPerChunk
        return first..<min(first + Self.piecesPerChunk, pieces.count)
    }

    /// The most chunks a batch of `maxRows` makes: how many partial sums a layer keeps room for.
    static func maximumCount(rows maxRows: Int) -> Int { SampleChunks(rows: maxRows).count }

    /// The first sample and the number of samples of chunk `index`.
    subscript(index: Int) -> (start: Int, count: Int) {
        let start = index * size
        return (start, min(size, rows - start))
    }
}

extension BLAS {
    /// The rate in GFLOP/s of a product cut as a convolution cuts it (2mnk per call): for `C = A op(B)`,
    /// `rowsPerTask` rows of A and C per task; for `C = Aᵀ B` (the weight gradient), `rowsPerTask` of the k
    /// rows per task, each into a partial C of its own (the partials' sum, a few percent, is left out). One
    /// single-threaded sgemm per task on the pool, timed as `measureSgemmGFLOPS` times OpenBLAS' own.
    public static func measureChunkedGFLOPS(
        m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, rowsPerTask: Int, minimumSeconds: Double
    ) -> Double {
        precondition(m > 0 && n > 0 && k > 0 && rowsPerTask > 0, "sgemm shape must be positive")
        let rows = transposeA ? k : m, tasks = (rows + rowsPerTask - 1) / rowsPerTask
        let a = allocateFloats(m * k), b = allocateFloats(k * n), c = allocateFloats(m * n * (transposeA ? tasks : 1))
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        for i in 0..<(m * k) { a[i] = Float(i % 7) * 0.125 - 0.375 }
        for i in 0..<(k * n) { b[i] = Float(i % 5) * 0.25 - 0.5 }
        let job = ChunkedProduct(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, rowsPerTask: rowsPerTask,
                                 a: UnsafePointer(a.baseAddress!), b: UnsafePointer(b.baseAddress!), c: c.baseAddress!)
        WorkerPool.shared.run(tasks: tasks, job)  // warm-up
        var calls = 0
        let start = ContinuousClock.now
        var elapsed = 0.0
        repeat {
            WorkerPool.shared.run(tasks: tasks, job)
            calls += 1
            elapsed = start.secondsSince
        } while elapsed < minimumSeconds
        return 2.0 * Double(m) * Double(n) * Double(k) * Double(calls) / elapsed / 1e9
    }
}

/// `BLAS.measureChunkedGFLOPS`'s pass: one sgemm per chunk of rows.
private struct ChunkedProduct: PoolJob {
    let transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, rowsPerTask: Int
    let a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>

    func run(task: Int) {
        let first = task * rowsPerTask
        if transposeA {
            // A is k x m: its rows first ..< first + count, times the same rows of B (k x n).
            let count = min(rowsPerTask, k - first)
            BLAS.sgemm(transposeA: true, m: m, n: n, k: count, a: a + first * m, lda: m, b: b + first * n, ldb: n,
                       beta: 0, c: c + task * m * n, ldc: n)
        } else {
            let count = min(rowsPerTask, m - first)
            BLAS.sgemm(transposeB: transposeB, m: count, n: n, k: k, a: a + first * k, lda: k, b: b,
                       ldb: transposeB ? k : n, beta: 0, c: c + first * n, ldc: n)
        }
    }
}
