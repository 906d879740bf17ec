import ModelKinds

/// Training and evaluation of a `Sequential` model on batches of up to `maxBatchSize` samples.
///
/// Every buffer is allocated here, once; a step allocates nothing. A step is: forward through the
/// layers (`Sequential.forward`, the loop inference and the divergence report run too), the loss and its
/// gradient, backward (the first layer skips its input gradient), and one optimizer step over the flat
/// parameter buffer.
public final class TrainingSession {
    /// Sessions whose layer buffers would exceed this many Floats (4 GiB) are refused.
    public static let maximumBufferValues = 1 << 30

    public let model: Sequential
    public let loss: Loss
    /// Nil for an inference session (evaluation of a saved model), which keeps no optimizer state.
    public let optimizer: (any Optimizer)?
    public let maxBatchSize: Int

    private let buffers: [LayerBuffers]
    /// Whether the loss reads the last layer's logits (softmax or sigmoid fused into the cross-entropy).
    private let lossUsesLogits: Bool
    private var lastRows = 0

    public init(model: Sequential, loss: Loss, optimizer: (any Optimizer)?, maxBatchSize: Int) throws {
        if let optimizer {
            precondition(optimizer.parameterCount == model.parameterCount,
                         "the optimizer was made for \(optimizer.parameterCount) parameters, the model has \(model.parameterCount)")
        }
        // Output, pre-activation and gradient per layer, a dropout's mask, a convolution's packed windows.
        let widths = model.layers.reduce(0) { total, layer in
            let packed = (layer as? Conv2D).map { $0.geometry.positions * $0.geometry.rowLength } ?? 0
            return total.addingSaturated((layer is Dropout ? 4 : 3) * layer.outputWidth + packed)
        }
        guard maxBatchSize >= 1 else { throw NeuralNetworkError.invalidBatchSize(maxBatchSize) }
        let (values, overflow) = maxBatchSize.multipliedReportingOverflow(by: widths)
        guard !overflow, values <= Self.maximumBufferValues else {
            throw NeuralNetworkError.batchTooLarge(maxBatchSize: maxBatchSize, limit: Self.maximumBufferValues)
        }
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
        self.maxBatchSize = maxBatchSize
        lossUsesLogits = loss.usesLogits(ofLastActivation: model.layers[model.layers.count - 1].activation)
        buffers = model.makeBuffers(maxRows: maxBatchSize, keepLastPreActivation: lossUsesLogits)
    }

    /// The model's outputs (after the last activation) for the samples of the last step: rows x outputWidth.
    public var output: UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: buffers[buffers.count - 1].output, count: lastRows * model.outputWidth)
    }

    /// Forward, loss, backward and an optimizer update on `rows` samples (`rows <= maxBatchSize`).
    /// `input` is rows x inputWidth, row-major; `labels` are class indices. Returns the batch's mean loss.
    /// The loss includes the kernel penalties (see `Regularizer`), taken at the weights before the update.
    func trainStep(input: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows: Int) -> Double {
        let value = computeGradients(input: input, labels: labels, rows: rows)
        guard let optimizer else { preconditionFailure("an inference session has no optimizer to step") }
        optimizer.step(model.parameters)
        return value
    }

    /// Forward in training mode (dropout on), the loss plus the kernel penalties, and every parameter's
    /// gradient in `model.parameters.gradients`; the weights are left alone.
    @discardableResult
    public func computeGradients(input: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows: Int) -> Double {
        forward(input, rows: rows, training: true)
        let last = buffers.count - 1
        let value = lossValue(labels: labels, rows: rows, gradient: buffers[last].outputGradient)
        model.backward(input, rows: rows, buffers: buffers, lastGradientIsPreActivation: lossUsesLogits)
        // Layers without weights write no gradients, so Dense.backward's overwrite leaves nothing stale.
        var penalty = 0.0
        for layer in model.penalizedLayers { penalty += layer.regularization(model.parameters, addGradients: true) }
        return value + penalty
    }

    /// Forward in inference mode (dropout off) and the batch's mean loss plus the kernel penalties, as
    /// Keras 3's `test_step` reports it; the weights are left alone.
    public func evaluateStep(input: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows: Int) -> Double {
        forward(input, rows: rows, training: false)
        return lossValue(labels: labels, rows: rows, gradient: nil) + model.regularizationLoss
    }

    /// Forward in inference mode only (predictions), read them from `output`.
    public func predictStep(input: UnsafePointer<Float>, rows: Int) {
        forward(input, rows: rows, training: false)
    }

    private func forward(_ input: UnsafePointer<Float>, rows: Int, training: Bool) {
        precondition(rows >= 1 && rows <= maxBatchSize, "a step of \(rows) rows in a session for at most \(maxBatchSize)")
        model.forward(input, rows: rows, into: buffers, training: training)
        lastRows = rows
    }

    private func lossValue(labels: UnsafePointer<Int32>, rows: Int, gradient: UnsafeMutablePointer<Float>?) -> Double {
        let last = buffers[buffers.count - 1]
        if lossUsesLogits {
            return Loss(loss.kind, fromLogits: true).evaluate(
                last.preActivation, labels: labels, rows: rows, columns: last.width, gradient: gradient)
        }
        return loss.evaluate(last.output, labels: labels, rows: rows, columns: last.width, gradient: gradient)
    }
}
