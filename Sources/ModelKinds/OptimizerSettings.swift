/// `keras.optimizers.SGD` (`keras/src/optimizers/sgd.py`): Keras 3 defaults lr 0.01, momentum 0, nesterov false.
public struct SGDSettings: OptimizerSettings {
    public var learningRate: Double
    public var momentum: Double
    public var nesterov: Bool

    public init(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public static var hyperparameters: [Hyperparameter<Self>] {
        [.number("learning_rate", \.learningRate, .positive), .number("momentum", \.momentum, .unitClosed),
         .flag("nesterov", \.nesterov)]
    }
}

/// `keras.optimizers.RMSprop` (`keras/src/optimizers/rmsprop.py`): Keras 3 defaults lr 0.001, rho 0.9,
/// momentum 0, epsilon 1e-7, centered false. Keras 3 puts epsilon inside the square root:
/// `w -= lr * g / sqrt(v + epsilon)` (PyTorch adds it outside).
public struct RMSpropSettings: OptimizerSettings {
    public var learningRate: Double
    public var rho: Double
    public var momentum: Double
    public var epsilon: Double
    public var centered: Bool

    public init(learningRate: Double = 0.001, rho: Double = 0.9, momentum: Double = 0, epsilon: Double = 1e-7,
                centered: Bool = false) {
        self.learningRate = learningRate
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered
    }

    public static var hyperparameters: [Hyperparameter<Self>] {
        [.number("learning_rate", \.learningRate, .positive), .number("rho", \.rho, .unitHalfOpen),
         .number("momentum", \.momentum, .unitClosed), .number("epsilon", \.epsilon, .positive),
         .flag("centered", \.centered)]
    }
}

/// `keras.optimizers.Adam` (`keras/src/optimizers/adam.py`): Keras 3 defaults lr 0.001, beta_1 0.9,
/// beta_2 0.999, epsilon 1e-7, amsgrad false.
public struct AdamSettings: OptimizerSettings {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var amsgrad: Bool

    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7,
                amsgrad: Bool = false) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
    }

    public static var hyperparameters: [Hyperparameter<Self>] {
        [.number("learning_rate", \.learningRate, .positive), .number("beta_1", \.beta1, .unitHalfOpen),
         .number("beta_2", \.beta2, .unitHalfOpen), .number("epsilon", \.epsilon, .positive),
         .flag("amsgrad", \.amsgrad)]
    }
}

/// `keras.optimizers.AdamW` (`keras/src/optimizers/adamw.py`): Keras 3 defaults lr 0.001, weight_decay 0.004,
/// beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false.
public struct AdamWSettings: OptimizerSettings {
    public var learningRate: Double
    public var weightDecay: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var amsgrad: Bool

    public init(learningRate: Double = 0.001, weightDecay: Double = 0.004, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-7, amsgrad: Bool = false) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
    }

    /// The Adam step AdamW takes after its weight decay.
    public var adam: AdamSettings {
        AdamSettings(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad)
    }

    public static var hyperparameters: [Hyperparameter<Self>] {
        [.number("learning_rate", \.learningRate, .positive), .number("weight_decay", \.weightDecay, .nonNegative),
         .number("beta_1", \.beta1, .unitHalfOpen), .number("beta_2", \.beta2, .unitHalfOpen),
         .number("epsilon", \.epsilon, .positive), .flag("amsgrad", \.amsgrad)]
    }
}

/// `keras.optimizers.Adagrad` (`keras/src/optimizers/adagrad.py`): Keras 3 defaults lr 0.001,
/// initial_accumulator_value 0.1, epsilon 1e-7.
public struct AdagradSettings: OptimizerSettings {
    public var learningRate: Double
    public var initialAccumulatorValue: Double
    public var epsilon: Double

    public init(learningRate: Double = 0.001, initialAccumulatorValue: Double = 0.1, epsilon: Double = 1e-7) {
        self.learningRate = learningRate
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
    }

    public static var hyperparameters: [Hyperparameter<Self>] {
        [.number("learning_rate", \.learningRate, .positive),
         .number("initial_accumulator_value", \.initialAccumulatorValue, .nonNegative),
         .number("epsilon", \.epsilon, .positive)]
    }
}
