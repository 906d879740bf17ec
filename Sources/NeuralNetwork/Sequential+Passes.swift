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
    /// Runs of image layers go chunk by chunk (`ChunkedStages`). `observe` gets each layer's index and output
    /// (rows x its width) once its stage has run, and returns false to stop the pass there (the divergence report stops at the first non-finite layer). Returns the
    /// output of the last layer that ran. Allocates nothing: the closure is non-escaping, the buffers are the caller's.
    @discardableResult
    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, into buffers: [LayerBuffers], training: Bool,
        observe: (_ layer: Int, _ output: UnsafeBufferPointer<Float>) -> Bool = { _, _ in true }
    ) -> UnsafeBufferPointer<Float> {
        precondition(buffers.count == layers.count, "\(buffers.count) buffers for \(layers.count) layers")
        precondition(rows >= 1 && rows <= buffers[0].maxRows, "\(rows) rows in buffers for at most \(buffers[0].maxRows)")
        var output = UnsafeBufferPointer<Float>(start: input, count: 0)
        for stage in stages.stages {
            let x = stage.lowerBound == 0 ? input : UnsafePointer(buffers[stage.lowerBound - 1].output)
            if stage.count == 1 {
                layers[stage.lowerBound].forward(x, rows: rows, parameters: parameters, buffers: buffers[stage.lowerBound], training: training)
            } else {
                stages.forward(stage, input: x, rows: rows, parameters: parameters, buffers: buffers, training: training)
            }
            for index in stage {
                output = UnsafeBufferPointer(start: buffers[index].output, count: rows * layers[index].outputWidth)
                guard observe(index, output) else { return output }
            }
        }
        return output
    }

    /// The one backward loop, last layer first, over the buffers of the `forward` just run on `input`: from
    /// the last layer's output gradient (dL/dlogits when `lastGradientIsPreActivation`), every parameter
    /// gradient and every layer's input gradient but the first layer's (nobody needs the data's).
    public func backward(_ input: UnsafePointer<Float>, rows: Int, buffers: [LayerBuffers], lastGradientIsPreActivation: Bool) {
        let last = layers.count - 1
        for stage in stages.stages.reversed() {
            let first = stage.lowerBound
            let x = first == 0 ? input : UnsafePointer(buffers[first - 1].output)
            let inputGradient = first == 0 ? nil : buffers[first - 1].outputGradient
            let preActivation = stage.upperBound - 1 == last && lastGradientIsPreActivation
            if stage.count == 1 {
                layers[first].backward(x, rows: rows, parameters: parameters, buffers: buffers[first],
                                       gradientIsPreActivation: preActivation, inputGradient: inputGradient)
            } else {
                stages.backward(stage, input: x, rows: rows, parameters: parameters, buffers: buffers,
                                lastGradientIsPreActivation: preActivation, firstInputGradient: inputGradient)
            }
        }
    }
}

