/// An activation function by its Keras 3 name (`keras.activations`, `keras/src/activations/activations.py`).
///
/// Names only: the engine adds each function's forward and backward pass (`Activation+Kernels.swift` in
/// NeuralNetwork), the compiler checks the name in the experiment file. `keras.layers.Dense`'s default,
/// `activation=None`, is `linear`. Cases are in the order diagnostics list them.
public enum Activation: String, Sendable, Equatable, CaseIterable {
    case relu, sigmoid, tanh, softmax, linear, elu, selu, gelu
    /// Keras 3's `leaky_relu(x, negative_slope=0.2)`.
    case leakyRelu = "leaky_relu"
    case softplus, swish
}
