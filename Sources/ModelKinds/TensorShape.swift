/// The shape of one example between two layers: a vector of features, or a channels-last image (Keras'
/// default `data_format="channels_last"`). The batch stays one flat row of `count` floats per example either
/// way, so a layer that reads only widths (dense, dropout) works on both.
public enum TensorShape: Sendable, Equatable, CustomStringConvertible {
    case vector(Int)
    case image(height: Int, width: Int, channels: Int)

    /// A sample shape as the datasets give it: `[rows, columns]` is a grey image (one channel), `[rows,
    /// columns, channels]` a colour one, anything else a vector of its values.
    public init(sampleShape: [Int]) {
        switch sampleShape.count {
        case 2: self = .image(height: sampleShape[0], width: sampleShape[1], channels: 1)
        case 3: self = .image(height: sampleShape[0], width: sampleShape[1], channels: sampleShape[2])
        default: self = .vector(sampleShape.reduce(1) { $0.multipliedSaturated(by: $1) })
        }
    }

    /// Floats per example: the row width of a batch.
    public var count: Int {
        switch self {
        case .vector(let n): return n
        case let .image(h, w, c): return h * w * c
        }
    }

    /// The last axis: what batch normalization keeps statistics for (Keras' `axis=-1`).
    public var lastAxis: Int {
        switch self {
        case .vector(let n): return n
        case .image(_, _, let c): return c
        }
    }

    /// Keras' summary form without the batch axis: `(26, 26, 32)`, `1600` for a vector.
    public var description: String {
        switch self {
        case .vector(let n): return "\(n)"
        case let .image(h, w, c): return "(\(h), \(w), \(c))"
        }
    }

    /// Keras' summary form with the batch axis: `(None, 26, 26, 32)`, `(None, 1600)`.
    public var batchDescription: String {
        switch self {
        case .vector(let n): return "(None, \(n))"
        case let .image(h, w, c): return "(None, \(h), \(w), \(c))"
        }
    }

    /// `[h, w, c]` or `[n]`: the axes outermost first, as a safetensors shape.
    public var dimensions: [Int] {
        switch self {
        case .vector(let n): return [n]
        case let .image(h, w, c): return [h, w, c]
        }
    }
}
