import ModelKinds

/// A weight penalty added to the loss, Keras 3's `L1L2` (`keras/src/regularizers/regularizers.py`):
/// `penalty = l1 * sum(|w|) + l2 * sum(w^2)`, without a factor 1/2 on the L2 term (Keras 3's
/// `L2.__call__` is `l2 * ops.sum(ops.square(x))`), so its gradient is `l1 * sign(w) + 2 * l2 * w`,
/// with sign(0) = 0 as the backends' gradient of abs at 0.
///
/// Keras adds every layer's penalty, as it stands before the step, to each batch's mean loss, in training
/// and in evaluation alike (`Trainer.compute_loss` appends `self.losses` whatever `training` is).
extension Regularizer {
    /// The penalty of `count` weights, summed in Double; adds its gradient to `gradients` when given.
    func apply(_ weights: UnsafePointer<Float>, count: Int, gradients: UnsafeMutablePointer<Float>?) -> Double {
        var absolute = 0.0, squares = 0.0
        for i in 0..<count {
            let w = Double(weights[i])
            absolute += abs(w)
            squares += w * w
        }
        if let gradients {
            let a = Float(l1), b = Float(2 * l2)
            for i in 0..<count {
                let w = weights[i]
                let sign: Float = w > 0 ? 1 : (w < 0 ? -1 : 0)
                gradients[i] += a * sign + b * w
            }
        }
        return l1 * absolute + l2 * squares
    }
}

extension Regularizer {
    /// The penalty of a kernel slice (0 without a regularizer); with `addGradients`, its gradient joins the kernel's.
    static func penalty(_ regularizer: Regularizer?, _ kernel: ParameterSlice, _ parameters: Parameters, addGradients: Bool) -> Double {
        guard let regularizer else { return 0 }
        return regularizer.apply(parameters.values(kernel), count: kernel.count,
                                 gradients: addGradients ? parameters.gradients(kernel) : nil)
    }
}

extension Dense {
    public func regularization(_ parameters: Parameters, addGradients: Bool) -> Double {
        Regularizer.penalty(spec.kernelRegularizer, kernel, parameters, addGradients: addGradients)
    }
}

extension Conv2D {
    public func regularization(_ parameters: Parameters, addGradients: Bool) -> Double {
        Regularizer.penalty(spec.kernelRegularizer, kernel, parameters, addGradients: addGradients)
    }
}
