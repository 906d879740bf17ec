import ExperimentCompiler

#if canImport(Glibc)
import Glibc
#endif

extension ExperimentCompiler.LearningRateSchedule {
    /// Whether the rate changes before every optimizer step (Keras' `LearningRateSchedule` objects, which
    /// the optimizer calls with its `iterations` before each update) rather than per epoch.
    public var isPerStep: Bool {
        switch self {
        case .exponentialDecay, .cosineDecay: return true
        case .stepDecay, .reduceLROnPlateau: return false
        }
    }

    /// The rate for optimizer step `step` (0 for the first update), from `initial`; nil for per-epoch schedules.
    /// Formulas as in the case docs; computed in Double (Keras computes them in float32) and rounded to Float
    /// by the optimizer's step.
    public func rate(initial: Double, step: Int) -> Double? {
        switch self {
        case let .exponentialDecay(steps, decayRate, staircase):
            var p = Double(step) / Double(steps)
            if staircase { p = p.rounded(.down) }
            return initial * pow(decayRate, p)
        case let .cosineDecay(steps, alpha):
            let fraction = Double(min(step, steps)) / Double(steps)
            let cosine = 0.5 * (1 + cos(Double.pi * fraction))
            return initial * ((1 - alpha) * cosine + alpha)
        case .stepDecay, .reduceLROnPlateau:
            return nil
        }
    }

    /// The rate for epoch `epoch` (0-based) of a step decay, from `initial`: `initial * factor ^ floor(epoch / every)`.
    public func rate(initial: Double, epoch: Int) -> Double? {
        guard case let .stepDecay(every, factor) = self else { return nil }
        return initial * pow(factor, Double(epoch / every))
    }
}

/// Keras 3's `ReduceLROnPlateau.on_epoch_end` (`keras/src/callbacks/reduce_lr_on_plateau.py`) as a pure rule.
///
/// Best starts at +inf (min) or -inf (max). Each epoch with the monitor present: in cooldown the counter
/// drops by one and `wait` resets; an improvement (`current < best - min_delta`, or `> best + min_delta`)
/// becomes the best and resets `wait`; otherwise, out of cooldown, `wait` grows, and at `patience` a rate
/// above `min_lr` becomes `max(lr * factor, min_lr)`, cooldown starts and `wait` resets.
public struct ReduceLROnPlateauRule: Sendable, Equatable {
    public let spec: ReduceLROnPlateau
    public let mode: MonitorMode
    public private(set) var best: Double
    public private(set) var wait = 0
    public private(set) var cooldownCounter = 0

    public init(_ spec: ReduceLROnPlateau) {
        self.spec = spec
        mode = spec.mode.resolved(for: spec.monitor)
        best = mode == .max ? -.infinity : .infinity
    }

    /// What the rule has seen so far, as a checkpoint keeps it.
    public struct Progress: Sendable, Equatable {
        public var best: Double
        public var wait: Int
        public var cooldownCounter: Int

        public init(best: Double, wait: Int, cooldownCounter: Int) {
            self.best = best
            self.wait = wait
            self.cooldownCounter = cooldownCounter
        }
    }

    public var progress: Progress { Progress(best: best, wait: wait, cooldownCounter: cooldownCounter) }

    /// The rule for `spec` as it was when it reported `progress`.
    public init(_ spec: ReduceLROnPlateau, progress: Progress) {
        self.init(spec)
        (best, wait, cooldownCounter) = (progress.best, progress.wait, progress.cooldownCounter)
    }

    /// The rate to use from the next epoch on, given the epoch's logs and its rate.
    public mutating func observe(logs: Logs, rate: Double) -> Double {
        guard let current = logs[spec.monitor] else { return rate }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            wait = 0
        }
        let improved = mode == .max ? current > best + spec.minDelta : current < best - spec.minDelta
        if improved {
            best = current
            wait = 0
            return rate
        }
        guard cooldownCounter == 0 else { return rate }
        wait += 1
        guard wait >= spec.patience, Float(rate) > Float(spec.minLR) else { return rate }
        cooldownCounter = spec.cooldown
        wait = 0
        return max(rate * spec.factor, spec.minLR)
    }
}
