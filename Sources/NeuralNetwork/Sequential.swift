import SeededRandom

/// A stack of Dense layers over one flat parameter buffer, as Keras' `Sequential([Dense, ...])`.
public final class Sequential {
    /// Models with more parameters are refused: 2^31 Floats are 8 GiB of weights, and as much again for gradients.
    public static let maximumParameterCount = 1 << 31

    public let inputWidth: Int
    public let specs: [DenseSpec]
    public let layers: [Dense]
    public let parameters: Parameters

    public var parameterCount: Int { parameters.count }
    public var outputWidth: Int { layers[layers.count - 1].outputWidth }

    /// Lays out and initialises the layers, drawing every weight from `SeededRandom(seed:, stream: .initialization)`
    /// in layer order (kernel, then bias). Sizes are checked, with overflow-safe arithmetic, before anything is allocated.
    public init(inputWidth: Int, layers specs: [DenseSpec], seed: UInt64) throws {
        guard inputWidth >= 1 else { throw NeuralNetworkError.invalidInputWidth(inputWidth) }
        guard !specs.isEmpty else { throw NeuralNetworkError.noLayers }
        var total = 0, width = inputWidth
        for (index, spec) in specs.enumerated() {
            guard spec.units >= 1 else { throw NeuralNetworkError.invalidUnits(layer: index, units: spec.units) }
            let (kernel, overflow) = width.multipliedReportingOverflow(by: spec.units)
            // total <= 2^31 and units <= 2^31 here, so the sums below cannot overflow.
            guard spec.units <= Self.maximumParameterCount,
                  !overflow, kernel <= Self.maximumParameterCount - total - (spec.useBias ? spec.units : 0)
            else {
                throw NeuralNetworkError.tooManyParameters(layer: index, limit: Self.maximumParameterCount)
            }
            total += kernel + (spec.useBias ? spec.units : 0)
            width = spec.units
        }

        var layout = ParameterLayout()
        var built: [Dense] = []
        width = inputWidth
        for spec in specs {
            built.append(Dense(inputWidth: width, spec: spec, layout: &layout))
            width = spec.units
        }
        self.inputWidth = inputWidth
        self.specs = specs
        self.layers = built
        parameters = Parameters(count: layout.count)
        var random = SeededRandom(seed: seed, stream: .initialization)
        for layer in built { layer.initialize(parameters, random: &random) }
    }
}
