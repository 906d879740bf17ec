/// One keyword argument of a Keras optimizer: its Keras name, where it lives in the settings, and the
/// values it accepts. Its default is the settings' own (`SGDSettings()`, ...), written once, in their `init`.
public struct Hyperparameter<Settings>: Sendable {
    /// A number within bounds, or a flag, with where the settings keep it.
    public enum Setting: Sendable {
        case number(WritableKeyPath<Settings, Double> & Sendable, Bounds)
        case flag(WritableKeyPath<Settings, Bool> & Sendable)
    }

    /// The keyword, as Keras spells it (`learning_rate`, `beta_1`).
    public let key: String
    public let setting: Setting

    public static func number(_ key: String, _ path: WritableKeyPath<Settings, Double> & Sendable, _ bounds: Bounds) -> Self {
        Self(key: key, setting: .number(path, bounds))
    }

    public static func flag(_ key: String, _ path: WritableKeyPath<Settings, Bool> & Sendable) -> Self {
        Self(key: key, setting: .flag(path))
    }
}

/// An optimizer's hyperparameters with Keras 3's defaults: what the compiler reads from the experiment file
/// and writes to resolved.json, and what the engine's optimizer is built from.
public protocol OptimizerSettings: Sendable, Equatable {
    /// Every hyperparameter, in the Keras 3 constructor's order.
    static var hyperparameters: [Hyperparameter<Self>] { get }
}
