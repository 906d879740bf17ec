/// A weight initializer by its Keras 3 name (`keras.initializers`, `keras/src/initializers/`).
///
/// Names only: the engine draws the values (`Initializer+Fill.swift` in NeuralNetwork). Keras 3's
/// `Dense` defaults are `glorot_uniform` for the kernel and `zeros` for the bias (see `DenseSpec`).
public enum Initializer: String, Sendable, Equatable, CaseIterable {
    case glorotUniform = "glorot_uniform"
    case glorotNormal = "glorot_normal"
    case heNormal = "he_normal"
    case heUniform = "he_uniform"
    case lecunNormal = "lecun_normal"
    case lecunUniform = "lecun_uniform"
    case zeros, ones
}
