/// Why a layer cannot take the shape that reaches it; the compiler words it at the layer's line and column.
public enum ShapeProblem: Error, Sendable, Equatable {
    /// A convolution or pooling layer reached by a vector.
    case needsImage(input: TensorShape)
    /// A dense layer reached by an image (Keras' Dense would act on the last axis alone).
    case needsVector(input: TensorShape)
    /// A `valid` window larger than its input along an axis: the output would be empty.
    case windowTooLarge(window: Size2D, input: TensorShape)
}

/// One matrix product of a layer's forward pass for one example, `C (m x n) = A (m x k) B (k x n)`: a dense
/// layer's `1 x units x inputs`, a convolution's `(oh * ow) x filters x (kh * kw * in)` (its im2col form).
public struct ProductShape: Sendable, Equatable {
    public var m: Int, n: Int, k: Int

    public init(m: Int, n: Int, k: Int) {
        self.m = m
        self.n = n
        self.k = k
    }
}

/// What a layer makes of its input: Keras' output shape and parameter counts, the FLOPs of one example's
/// forward pass, and the products that do most of them.
public struct LayerShape: Sendable, Equatable {
    public var output: TensorShape
    /// Weights the optimizer updates (Keras' `trainable_weights`).
    public var trainableParameters: Int
    /// Weights kept but never stepped: batch normalization's moving mean and variance.
    public var nonTrainableParameters: Int
    /// One example's forward pass: 2 per multiply-add of a product (conv, dense), one per window cell of
    /// pooling, 2 per value of batch normalization (scale and shift); activations are not counted.
    public var flops: Int
    public var products: [ProductShape]

    public var parameters: Int { trainableParameters.addingSaturated(nonTrainableParameters) }
}

extension LayerSpec {
    /// The layer on `input`, or why it cannot take it. Sizes saturate at `Int.max` rather than overflow
    /// (an IDX header may declare anything); the compiler's limits refuse such models.
    public func shape(input: TensorShape) -> Result<LayerShape, ShapeProblem> {
        func done(_ output: TensorShape, trainable: Int = 0, nonTrainable: Int = 0, flops: Int = 0,
                  products: [ProductShape] = []) -> Result<LayerShape, ShapeProblem> {
            .success(LayerShape(output: output, trainableParameters: trainable, nonTrainableParameters: nonTrainable,
                                flops: flops, products: products))
        }
        switch self {
        case .dense(let d):
            guard case .vector(let n) = input else { return .failure(.needsVector(input: input)) }
            let weights = n.multipliedSaturated(by: d.units)
            return done(.vector(d.units), trainable: weights.addingSaturated(d.useBias ? d.units : 0),
                        flops: weights.multipliedSaturated(by: 2), products: [ProductShape(m: 1, n: d.units, k: n)])
        case .dropout:
            return done(input)
        case .conv2D(let c):
            guard case let .image(h, w, channels) = input else { return .failure(.needsImage(input: input)) }
            guard let rows = c.padding.output(input: h, window: c.kernelSize.height, stride: c.strides.height),
                  let columns = c.padding.output(input: w, window: c.kernelSize.width, stride: c.strides.width)
            else { return .failure(.windowTooLarge(window: c.kernelSize, input: input)) }
            let k = c.kernelSize.area.multipliedSaturated(by: channels)
            let weights = k.multipliedSaturated(by: c.filters)
            let positions = rows.length.multipliedSaturated(by: columns.length)
            return done(.image(height: rows.length, width: columns.length, channels: c.filters),
                        trainable: weights.addingSaturated(c.useBias ? c.filters : 0),
                        flops: positions.multipliedSaturated(by: weights).multipliedSaturated(by: 2),
                        products: [ProductShape(m: positions, n: c.filters, k: k)])
        case .maxPooling2D(let p), .averagePooling2D(let p):
            guard case let .image(h, w, channels) = input else { return .failure(.needsImage(input: input)) }
            let s = p.effectiveStrides
            guard let rows = p.padding.output(input: h, window: p.poolSize.height, stride: s.height),
                  let columns = p.padding.output(input: w, window: p.poolSize.width, stride: s.width)
            else { return .failure(.windowTooLarge(window: p.poolSize, input: input)) }
            let output = TensorShape.image(height: rows.length, width: columns.length, channels: channels)
            return done(output, flops: output.count.multipliedSaturated(by: p.poolSize.area))
        case .flatten:
            return done(.vector(input.count))
        case .globalAveragePooling2D:
            guard case .image(_, _, let channels) = input else { return .failure(.needsImage(input: input)) }
            return done(.vector(channels), flops: input.count)
        case .batchNormalization(let b):
            let c = input.lastAxis
            return done(input, trainable: (b.scale ? c : 0) + (b.center ? c : 0), nonTrainable: 2 * c,
                        flops: input.count.multipliedSaturated(by: 2))
        }
    }
}

extension Int {
    /// `self * other`, or `Int.max` past it (sizes are never negative).
    public func multipliedSaturated(by other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }

    /// `self + other`, or `Int.max` past it.
    public func addingSaturated(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}

extension Sequence<LayerSpec> {
    /// Each layer's shape in order from `input`, up to the first layer that cannot take what reaches it.
    public func shapes(input: TensorShape) -> (layers: [LayerShape], failure: (index: Int, problem: ShapeProblem)?) {
        var shapes: [LayerShape] = []
        var current = input
        for (index, layer) in enumerated() {
            switch layer.shape(input: current) {
            case .success(let shape):
                shapes.append(shape)
                current = shape.output
            case .failure(let problem):
                return (shapes, (index, problem))
            }
        }
        return (shapes, nil)
    }
}

extension Sequence<LayerSpec> {
    /// Keras 3's automatic layer names: the kind's snake-case name, counted per kind from 0 with `_n` after
    /// the first (`conv2d`, `max_pooling2d`, `conv2d_1`, ..., `dense`, `dense_1`). Weights are saved under them.
    public var kerasNames: [String] {
        var counts: [LayerKind: Int] = [:]
        return map { layer in
            let n = counts[layer.kind, default: 0]
            counts[layer.kind] = n + 1
            return n == 0 ? layer.kind.rawValue : "\(layer.kind.rawValue)_\(n)"
        }
    }
}
