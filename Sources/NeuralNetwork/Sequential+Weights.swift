import SeededRandom

/// One named weight array of a model, as a checkpoint stores it: `dense.kernel` with shape `[in, out]`.
public struct WeightTensor: Sendable, Equatable {
    public var name: String
    /// Outermost first: `[inputWidth, units]` for a kernel, `[units]` for a bias.
    public var shape: [Int]
    /// Row-major (C order), as the model keeps them.
    public var values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// Why weights could not be loaded into a model: a name it lacks or lacks a value for, or a shape it does not have.
public enum WeightLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(name: String)
    case unexpected(name: String)
    case wrongShape(name: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .missing(let name): return "it has no tensor '\(name)'"
        case .unexpected(let name): return "the model has no weight '\(name)'"
        case let .wrongShape(name, expected, found): return "'\(name)' has shape \(found), the model's is \(expected)"
        }
    }
}

extension Sequential {
    /// Every tensor of the model under Keras' names, `<layer>.<weight>` (`conv2d.kernel`, `dense_1.bias`,
    /// `batch_normalization.moving_mean`), layers named as Keras 3 names them (`LayerSpec.kerasNames`), each
    /// layer's tensors in Keras' order: what the model file holds, written and read through this one list.
    public var namedTensors: [(name: String, tensor: LayerTensor)] {
        zip(layerSpecs.kerasNames, layers).flatMap { name, layer in layer.tensors.map { ("\(name).\($0.name)", $0) } }
    }

    /// Every weight and state under Keras' names and shapes: a dense kernel `[inputWidth, units]` exactly as
    /// Keras' `Dense.kernel` is shaped and as `Dense` keeps it (`Y = X W + b`, W row-major), so NumPy's
    /// `x @ kernel + bias` is the layer (PyTorch's `nn.Linear.weight` is its transpose, `[out, in]`); a
    /// convolution's kernel `[kh, kw, in, filters]`, as Keras' `Conv2D.kernel`.
    public var weightTensors: [WeightTensor] {
        namedTensors.map { name, tensor in
            WeightTensor(name: name, shape: tensor.shape, values: Array(tensor.values(in: parameters)))
        }
    }

    /// Replaces every weight and state with the tensor of the same name; every one must be there with the
    /// model's shape, and nothing else, or nothing is changed. The gradients are left alone.
    public func load(_ tensors: [WeightTensor]) throws(WeightLoadError) {
        try load(tensors, into: namedTensors)
    }

    /// Every layer's non-trainable state under its Keras name (batch normalization's `moving_mean` and
    /// `moving_variance`): outside the parameter buffer, so a checkpoint keeps it beside `Parameters.values`.
    public var stateTensors: [WeightTensor] {
        stateNamedTensors.map { name, tensor in
            WeightTensor(name: name, shape: tensor.shape, values: Array(tensor.values(in: parameters)))
        }
    }

    /// Puts back tensors `stateTensors` gave: every one by name and shape, and nothing else, or nothing changes.
    public func loadState(_ tensors: [WeightTensor]) throws(WeightLoadError) {
        try load(tensors, into: stateNamedTensors)
    }

    private var stateNamedTensors: [(name: String, tensor: LayerTensor)] {
        namedTensors.filter { if case .state = $0.tensor.storage { true } else { false } }
    }

    private func load(_ tensors: [WeightTensor], into expected: [(name: String, tensor: LayerTensor)]) throws(WeightLoadError) {
        var byName: [String: WeightTensor] = [:]
        for tensor in tensors { byName[tensor.name] = tensor }
        for (name, tensor) in expected {
            guard let given = byName[name] else { throw .missing(name: name) }
            guard given.shape == tensor.shape, given.values.count == tensor.count else {
                throw .wrongShape(name: name, expected: tensor.shape, found: given.shape)
            }
        }
        let known = Set(expected.map(\.name))
        if let extra = tensors.map(\.name).sorted().first(where: { !known.contains($0) }) { throw .unexpected(name: extra) }
        for (name, tensor) in expected {
            _ = tensor.values(in: parameters).update(fromContentsOf: byName[name]!.values)
        }
    }
}

extension Sequential {
    /// Each dropout layer's mask stream at its current position, in layer order: what a checkpoint keeps,
    /// since the masks of every step depend on every step before it.
    public var dropoutStreams: [SeededRandom] {
        layers.compactMap { ($0 as? Dropout)?.random }
    }

    /// Puts back streams `dropoutStreams` gave, one per dropout layer; false (nothing changed) for another count.
    public func restoreDropoutStreams(_ streams: [SeededRandom]) -> Bool {
        let dropouts = layers.compactMap { $0 as? Dropout }
        guard dropouts.count == streams.count else { return false }
        for (layer, stream) in zip(dropouts, streams) { layer.random = stream }
        return true
    }
}
