/// The fixed runs of samples that image layers cut a batch into: samples `[start, start + count)` of
/// `perTask` each (the last one shorter), one pool task each.
///
/// As `ProductTiles` for columns, the chunks depend on the batch's rows only, never on the thread count, and
/// every reduction over samples (a convolution's weight and bias gradients, batch normalization's sums) is
/// one partial per chunk, added in chunk order: 1, 2 or 5 threads give the same bits. Why 16: a 128-sample
/// batch makes 8 tasks, enough to keep 2-4 threads busy, while each chunk's product is large enough for
/// sgemm's packing to pay (16 x 121 = 1,936 rows for the MNIST convnet's second convolution, 16 x 676 for
/// its first); 8 samples per chunk took about 10% more CPU time per epoch.
struct SampleChunks {
    static let perTask = 16

    let rows: Int

    var count: Int { (rows + Self.perTask - 1) / Self.perTask }

    /// The most chunks a batch of `maxRows` makes: how many partial sums a layer keeps room for.
    static func maximumCount(rows maxRows: Int) -> Int { SampleChunks(rows: maxRows).count }

    /// The first sample and the number of samples of chunk `index`.
    subscript(index: Int) -> (start: Int, count: Int) {
        let start = index * Self.perTask
        return (start, min(Self.perTask, rows - start))
    }
}
