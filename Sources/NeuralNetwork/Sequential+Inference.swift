extension Sequential {
    /// The outputs for `rows` samples of `inputs` (rows x inputWidth, row-major) in inference mode (dropout
    /// off), `batchSize` rows at a time: Keras' `predict`. The same layers' `forward` as a `TrainingSession`'s
    /// `predictStep`, so with the same batch size the outputs are bit for bit the trainer's.
    public func predict(_ inputs: [Float], rows: Int, batchSize: Int) -> [Float] {
        precondition(inputs.count == rows * inputWidth, "\(inputs.count) inputs are not \(rows) rows of \(inputWidth)")
        let batch = max(1, min(batchSize, rows))
        let buffers = layers.map { $0.makeBuffers(maxRows: batch, keepPreActivation: false) }
        var outputs: [Float] = []
        outputs.reserveCapacity(rows * outputWidth)
        inputs.withUnsafeBufferPointer { all in
            var lower = 0
            while lower < rows {
                let count = min(batch, rows - lower)
                var x = UnsafePointer(all.baseAddress! + lower * inputWidth)
                for (layer, buffer) in zip(layers, buffers) {
                    layer.forward(x, rows: count, parameters: parameters, buffers: buffer, training: false)
                    x = UnsafePointer(buffer.output)
                }
                outputs.append(contentsOf: UnsafeBufferPointer(start: x, count: count * outputWidth))
                lower += count
            }
        }
        return outputs
    }
}
