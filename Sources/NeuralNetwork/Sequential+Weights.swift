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
    /// Keras 3's automatic layer names for the dense layers, in order: `dense`, `dense_1`, `dense_2`, ...
    /// (a dropout layer is `dropout`, counted on its own, and has no weights).
    public var denseLayerNames: [String] {
        denseLayers.indices.map { $0 == 0 ? "dense" : "dense_\($0)" }
    }

    /// Every weight under Keras' names (`<layer>.kernel`, `<layer>.bias`): the kernel `[inputWidth, units]`
    /// exactly as Keras' `Dense.kernel` is shaped and as `Dense` keeps it (`Y = X W + b`, W row-major), so
    /// NumPy's `x @ kernel + bias` is the layer. PyTorch's `nn.Linear.weight` is its transpose, `[out, in]`.
    public var weightTensors: [WeightTensor] {
        zip(denseLayerNames, denseLayers).flatMap { name, dense -> [WeightTensor] in
            var tensors = [WeightTensor(name: name + ".kernel", shape: [dense.inputWidth, dense.spec.units],
                                        values: Array(parameters.values[dense.kernel.range]))]
            if let bias = dense.bias {
                tensors.append(WeightTensor(name: name + ".bias", shape: [dense.spec.units], values: Array(parameters.values[bias.range])))
            }
            return tensors
        }
    }

    /// Replaces every weight with the tensor of the same name; every one must be there with the model's
    /// shape, and nothing else, or nothing is changed. The gradients are left alone.
    public func load(_ tensors: [WeightTensor]) throws(WeightLoadError) {
        var byName: [String: WeightTensor] = [:]
        for tensor in tensors { byName[tensor.name] = tensor }
        let expected = zip(denseLayerNames, denseLayers).flatMap { name, dense -> [(String, [Int], ParameterSlice)] in
            [(name + ".kernel", [dense.inputWidth, dense.spec.units], dense.kernel)]
                + (dense.bias.map { [(name + ".bias", [dense.spec.units], $0)] } ?? [])
        }
        for (name, shape, _) in expected {
            guard let tensor = byName[name] else { throw .missing(name: name) }
            guard tensor.shape == shape, tensor.values.count == shape.reduce(1, *) else {
                throw .wrongShape(name: name, expected: shape, found: tensor.shape)
            }
        }
        let known = Set(expected.map(\.0))
        if let extra = tensors.map(\.name).sorted().first(where: { !known.contains($0) }) { throw .unexpected(name: extra) }
        for (name, _, slice) in expected {
            _ = UnsafeMutableBufferPointer(rebasing: parameters.values[slice.range]).update(fromContentsOf: byName[name]!.values)
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
