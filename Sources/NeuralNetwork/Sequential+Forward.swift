extension Sequential {
    /// One `LayerBuffers` per layer for batches of up to `maxRows` samples: what `forward` writes into.
    /// `keepLastPreActivation` keeps the last layer's values before its activation, for a loss that reads logits.
    public func makeBuffers(maxRows: Int, keepLastPreActivation: Bool = false) -> [LayerBuffers] {
        let last = layers.count - 1
        var buffers: [LayerBuffers] = []
        for (index, layer) in layers.enumerated() {
            // A flatten after another layer is a view of that layer's buffers.
            if layer is Flatten, index > 0 {
                buffers.append(LayerBuffers(aliasing: buffers[index - 1]))
            } else {
                buffers.append(layer.makeBuffers(maxRows: maxRows, keepPreActivation: keepLastPreActivation && index == last))
            }
        }
        return buffers
    }

    /// The one forward loop, shared by training steps, evaluation, prediction and the divergence report: the
    /// layers in order over `rows` samples of `input` (rows x inputWidth, row-major), each reading the one
    /// before's output from `buffers` (from `makeBuffers`), in training mode (dropout on) or inference mode.
    ///
    /// `observe` gets each layer's index and output (rows x its width) as soon as it is written, and returns
    /// false to stop the pass there (the divergence report stops at the first non-finite layer). Returns the
    /// output of the last layer that ran. Allocates nothing: the closure is non-escaping, the buffers are the caller's.
    @discardableResult
    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, into buffers: [LayerBuffers], training: Bool,
        observe: (_ layer: Int, _ output: UnsafeBufferPointer<Float>) -> Bool = { _, _ in true }
    ) -> UnsafeBufferPointer<Float> {
        precondition(buffers.count == layers.count, "\(buffers.count) buffers for \(layers.count) layers")
        precondition(rows >= 1 && rows <= buffers[0].maxRows, "\(rows) rows in buffers for at most \(buffers[0].maxRows)")
        var x = input
        var output = UnsafeBufferPointer<Float>(start: input, count: 0)
        for index in layers.indices {
            let layer = layers[index], buffer = buffers[index]
            layer.forward(x, rows: rows, parameters: parameters, buffers: buffer, training: training)
            output = UnsafeBufferPointer(start: buffer.output, count: rows * layer.outputWidth)
            guard observe(index, output) else { break }
            x = UnsafePointer(buffer.output)
        }
        return output
    }
}
