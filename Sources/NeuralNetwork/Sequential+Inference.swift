extension Sequential {
    /// The outputs for `rows` samples of `inputs` (rows x inputWidth, row-major) in inference mode (dropout
    /// off), `batchSize` rows at a time: Keras' `predict`. The same `forward` as a `TrainingSession`'s
    /// `predictStep`, so with the same batch size the outputs are bit for bit the trainer's.
    /// Allocates the result and one batch's buffers once; each batch is copied straight into the result.
    public func predict(_ inputs: [Float], rows: Int, batchSize: Int) -> [Float] {
        precondition(inputs.count == rows * inputWidth, "\(inputs.count) inputs are not \(rows) rows of \(inputWidth)")
        guard rows > 0 else { return [] }
        let batch = max(1, min(batchSize, rows)), width = outputWidth
        let buffers = makeBuffers(maxRows: batch)
        return [Float](unsafeUninitializedCapacity: rows * width) { outputs, initialized in
            inputs.withUnsafeBufferPointer { all in
                var lower = 0
                while lower < rows {
                    let count = min(batch, rows - lower)
                    let y = forward(all.baseAddress! + lower * inputWidth, rows: count, into: buffers, training: false)
                    (outputs.baseAddress! + lower * width).initialize(from: y.baseAddress!, count: count * width)
                    lower += count
                }
            }
            initialized = rows * width
        }
    }
}
