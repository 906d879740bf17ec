/// The fixed column tiles every product of the engine is cut into: `C[:, start ..< start + width]` for
/// consecutive tiles of `width` columns (the last one narrower), one single-threaded sgemm per tile over
/// the full `k`, so every element of C comes from exactly one call and no task adds into another's part.
///
/// The tiles depend on the number of columns only, never on the thread count: the same calls with the same
/// operands run whichever thread takes them, so 1, 2 or 5 threads give the same bits.
///
/// Why columns, and why 256: a column tile of `C = A B` reads all of A and a slice of B. Each call packs its
/// operands, so A is packed once per tile: per packed element of A a tile does `2 * width` flops, and at
/// 256 columns packing stays a few percent of the product (at 64 it would cost four times as much).
/// Row tiles would repack B — the 784 x 512 kernel, the larger operand — once per tile instead. The seed
/// model's 512 units make two tiles, one per core of the two-core machines this runs on; its 10-unit output
/// layer is one tile (its products are 2.5% of the work). The same tiles serve the forward product
/// (`Z = X W`, tiles of W's columns), the weight gradient (`dW = Xᵀ dZ`, tiles of W's columns, each over all
/// rows of the batch, so no partial sums) and the input gradient (`dX = dZ Wᵀ`, tiles of dX's columns,
/// which are rows of W). A multiple of 16 keeps every tile's start 64-byte aligned where the row is.
struct ProductTiles {
    static let width = 256

    let columns: Int

    var count: Int { (columns + Self.width - 1) / Self.width }

    /// The first column and the width of tile `index`.
    subscript(index: Int) -> (start: Int, width: Int) {
        let start = index * Self.width
        return (start, min(Self.width, columns - start))
    }
}

extension BLAS {
    /// `C = op(A) op(B)` (beta 0) cut into `ProductTiles` of C's columns, one single-threaded sgemm per tile
    /// on the pool: the tiling `Dense` uses (there fused with the bias and the activation), for the benchmark.
    static func tiledProduct(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
    ) {
        let job = TiledProduct(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, b: b, c: c,
                               tiles: ProductTiles(columns: n))
        WorkerPool.shared.run(tasks: job.tiles.count, job)
    }

    /// The rate in GFLOP/s of `tiledProduct` on one shape (2mnk per call), timed as `measureSgemmGFLOPS` times
    /// OpenBLAS' own: what the engine's products reach on the pool.
    public static func measureTiledGFLOPS(
        m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, minimumSeconds: Double
    ) -> Double {
        measureSgemmGFLOPS(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                           minimumSeconds: minimumSeconds, tiled: true)
    }
}

/// `BLAS.tiledProduct`'s pass: one sgemm per tile of C's columns.
private struct TiledProduct: PoolJob {
    let transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int
    let a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
    let tiles: ProductTiles

    func run(task: Int) {
        let (start, width) = tiles[task]
        // op(B)'s columns start... are B's columns (B is k x n) or B's rows (B is n x k).
        let tile = transposeB ? b + start * k : b + start
        BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: width, k: k, a: a,
                   b: tile, ldb: transposeB ? k : n, beta: 0, c: c + start, ldc: n)
    }
}
