import ModelKinds

/// A model or session the engine refuses to build, with what to change.
public enum NeuralNetworkError: Error, Equatable, CustomStringConvertible {
    /// The model has no layers.
    case noLayers
    /// The input has fewer than one feature.
    case invalidInputWidth(Int)
    /// Layer `layer` (0-based) has fewer than one unit.
    case invalidUnits(layer: Int, units: Int)
    /// The model would hold more parameters than `limit`.
    case tooManyParameters(layer: Int, limit: Int)
    /// Layer `layer` (0-based) cannot take the shape that reaches it (the compiler reports this first).
    case shapeMismatch(layer: Int, kind: String, problem: ShapeProblem)
    /// A session for batches of fewer than one sample.
    case invalidBatchSize(Int)
    /// The batch buffers would hold more values than `limit`.
    case batchTooLarge(maxBatchSize: Int, limit: Int)

    public var description: String {
        switch self {
        case .noLayers:
            return "the model has no layers; add at least one dense layer"
        case let .invalidInputWidth(width):
            return "the model's input width is \(width); it must be at least 1 (check the data's shape and preprocessing)"
        case let .invalidUnits(layer, units):
            return "layer \(layer + 1) has \(units) units; a dense layer needs at least 1"
        case let .tooManyParameters(layer, limit):
            return "the model exceeds \(limit) parameters at layer \(layer + 1); make the layers narrower"
        case let .shapeMismatch(layer, kind, problem):
            return "layer \(layer + 1) (\(kind)) cannot take its input: \(problem)"
        case let .invalidBatchSize(size):
            return "the batch size is \(size); it must be at least 1"
        case let .batchTooLarge(maxBatchSize, limit):
            return "a batch of \(maxBatchSize) samples would need more than \(limit) values of layer buffers; use a smaller batch_size"
        }
    }
}
