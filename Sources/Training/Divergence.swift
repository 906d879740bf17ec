import NeuralNetwork

/// Where a non-finite loss came from, found only once it happens, so training pays nothing for it.
///
/// The failing step's update is not applied, so the weights are still those that gave finite losses;
/// a forward pass in inference mode over the failing batch then finds the first layer whose outputs are
/// not finite (an exploding layer overflows Float's 3.4e38 there first), and the step's gradients give
/// each layer's gradient norm sqrt(sum g^2) over its trainable weights.
public struct Divergence: Sendable, Equatable, CustomStringConvertible {
    /// Index in `model.layers` of the first layer with a non-finite output; nil when every output was finite.
    public var layer: Int?
    /// That layer's largest |weight| (0 for a layer without weights).
    public var largestWeight: Float
    /// Each layer with weights: its index and the L2 norm of its trainable weights' gradients on the failing step.
    public var gradientNorms: [Int: Double]
    /// The largest |output| of the last layer when every output was finite.
    public var largestOutput: Float

    /// Runs the model over `rows` samples of `input` through `Sequential.forward`, the loop training runs, and
    /// stops at the first layer with a non-finite output; allocates its own buffers (once, on failure).
    public static func locate(in model: Sequential, input: UnsafePointer<Float>, rows: Int) -> Divergence {
        var found = Divergence(layer: nil, largestWeight: 0, gradientNorms: [:], largestOutput: 0)
        model.forward(input, rows: rows, into: model.makeBuffers(maxRows: rows), training: false) { index, outputs in
            guard outputs.allSatisfy(\.isFinite) else {
                found.layer = index
                found.largestWeight = trainableSlices(model.layers[index]).first.map { largest(model.parameters.values, $0) } ?? 0
                return false
            }
            found.largestOutput = outputs.reduce(0) { max($0, abs($1)) }
            return true
        }
        for (index, layer) in model.layers.enumerated() {
            let slices = trainableSlices(layer)
            guard !slices.isEmpty else { continue }
            let squares = slices.reduce(0.0) { sum, slice in
                model.parameters.gradients[slice.range].reduce(sum) { $0 + Double($1) * Double($1) }
            }
            found.gradientNorms[index] = squares.squareRoot()
        }
        return found
    }

    /// A layer's trainable tensors in `Parameters`, its kernel (or gamma) first; batch normalization's moving
    /// statistics are state, not gradients.
    private static func trainableSlices(_ layer: any Layer) -> [ParameterSlice] {
        layer.tensors.compactMap { if case .parameters(let slice) = $0.storage { return slice } else { return nil } }
    }

    private static func largest(_ values: UnsafeMutableBufferPointer<Float>, _ slice: ParameterSlice) -> Float {
        values[slice.range].reduce(0) { max($0, abs($1)) }
    }

    public var description: String {
        let norms = gradientNorms.keys.sorted().map { "[\($0)] \(gradientNorms[$0]!)" }.joined(separator: ", ")
        guard let layer else {
            return "every layer's output was finite (the largest \(largestOutput)), so the loss itself overflowed; "
                + "gradient norms of model.layers: \(norms)"
        }
        return "model.layers[\(layer)] was the first layer to output non-finite values (its largest weight: \(largestWeight)); "
            + "gradient norms of model.layers: \(norms)"
    }
}
