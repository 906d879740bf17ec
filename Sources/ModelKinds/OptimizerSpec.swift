/// An optimizer as `model.compile(optimizer=...)` takes it, every hyperparameter resolved.
///
/// The compiler fills it from the experiment file (defaults: each settings struct's `init`, Keras 3's);
/// the engine's `makeOptimizer` builds the optimizer from it as it stands.
public enum OptimizerSpec: Sendable, Equatable {
    case sgd(SGDSettings)
    case rmsprop(RMSpropSettings)
    case adam(AdamSettings)
    case adamw(AdamWSettings)
    case adagrad(AdagradSettings)

    /// Every optimizer with Keras 3's defaults, in the order diagnostics list them.
    public static let defaults: [OptimizerSpec] = [
        .sgd(SGDSettings()), .rmsprop(RMSpropSettings()), .adam(AdamSettings()), .adamw(AdamWSettings()),
        .adagrad(AdagradSettings()),
    ]

    /// The Keras name (`rmsprop`, ...).
    public var name: String {
        switch self {
        case .sgd: return "sgd"
        case .rmsprop: return "rmsprop"
        case .adam: return "adam"
        case .adamw: return "adamw"
        case .adagrad: return "adagrad"
        }
    }

    /// The Keras keywords of this optimizer's hyperparameters, in constructor order.
    public var hyperparameterKeys: [String] {
        switch self {
        case .sgd: return SGDSettings.hyperparameters.map(\.key)
        case .rmsprop: return RMSpropSettings.hyperparameters.map(\.key)
        case .adam: return AdamSettings.hyperparameters.map(\.key)
        case .adamw: return AdamWSettings.hyperparameters.map(\.key)
        case .adagrad: return AdagradSettings.hyperparameters.map(\.key)
        }
    }
}
