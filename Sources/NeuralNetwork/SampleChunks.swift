/// The fixed runs of samples that image layers cut a batch into: samples `[start, start + count)` of
/// `perTask` each (the last one shorter), one pool task each.
///
/// As `ProductTiles` for columns, the chunks depend on the batch's rows only, never on the thread count, and
/// every reduction over samples (a convolution's weight and bias gradients, batch normalization's sums) is
/// one partial per chunk, added in chunk order: 1, 2 or 5 threads give the same bits. Why 8: a 128-sample
/// batch makes 16 tasks, enough to keep 2-4 threads busy to the end, while each chunk's product stays
/// large (8 x 121 rows for the MNIST convnet's second convolution, 8 x 676 for its first).
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
