import ExperimentCompiler
import Training
import XCTest

/// Keras' callback rules on recorded histories: the exact epoch each stops at or reduces the rate.
final class CallbackRuleTests: XCTestCase {
    /// Runs the rule over `values` of `monitor`; the epoch it stops after (1-based) and the best epoch.
    func run(_ spec: EarlyStopping, _ values: [Double]) -> (stopped: Int?, best: Int?) {
        var rule = EarlyStoppingRule(spec)
        for (i, value) in values.enumerated() {
            if rule.observe(epoch: i + 1, logs: Logs([(spec.monitor, value)])).stop { break }
        }
        return (rule.stoppedEpoch, rule.bestEpoch)
    }

    // A recorded val_loss: falls, wobbles, reaches its low at epoch 4, then drifts.
    let valLoss = [0.50, 0.40, 0.42, 0.39, 0.41, 0.40, 0.395, 0.38]

    func testPatienceCountsEpochsWithoutImprovement() {
        // Epoch 5: wait 1; epoch 6: wait 2 >= patience 2: stop (Keras prints "Epoch 6: early stopping").
        let r = run(EarlyStopping(patience: 2), valLoss)
        XCTAssertEqual(r.stopped, 6)
        XCTAssertEqual(r.best, 4)
        // Patience 0 stops at the first epoch without improvement.
        XCTAssertEqual(run(EarlyStopping(patience: 0), valLoss).stopped, 3)
        // Patience beyond the history: never stops; the best epoch is the last, 0.38.
        XCTAssertEqual(run(EarlyStopping(patience: 5), valLoss).stopped, nil)
        XCTAssertEqual(run(EarlyStopping(patience: 5), valLoss).best, 8)
    }

    func testMinDeltaRaisesTheBar() {
        // 0.39 is only 0.01 below 0.40: not an improvement of 0.015, so epochs 3 and 4 both wait.
        let r = run(EarlyStopping(patience: 2, minDelta: 0.015), valLoss)
        XCTAssertEqual(r.stopped, 4)
        XCTAssertEqual(r.best, 2)
    }

    func testBaselineKeepsWaitingEvenThroughImprovements() {
        // Nothing beats 0.3, so wait grows every epoch; epoch 2 improves (no stop check), epoch 3 does not
        // and wait = 3 >= 2: stop. Keras' rule checks patience only on epochs that do not improve.
        let r = run(EarlyStopping(patience: 2, baseline: 0.3), valLoss)
        XCTAssertEqual(r.stopped, 3)
        XCTAssertEqual(r.best, 2)
    }

    func testStartFromEpochAndMaxMode() {
        // Epochs before start_from_epoch (0-based) are ignored entirely.
        XCTAssertEqual(run(EarlyStopping(patience: 0, startFromEpoch: 3), valLoss).stopped, 5)
        // Accuracy goes up: auto is max for it.
        let accuracy = [0.80, 0.85, 0.84, 0.86, 0.86]
        let r = run(EarlyStopping(monitor: "val_accuracy", patience: 1), accuracy)
        XCTAssertEqual(r.stopped, 3)
        XCTAssertEqual(run(EarlyStopping(monitor: "val_accuracy", patience: 1), accuracy).best, 2)
        // min mode on an accuracy stops at the first rise.
        XCTAssertEqual(run(EarlyStopping(monitor: "val_accuracy", mode: .min, patience: 0), accuracy).stopped, 2)
    }

    func testReduceLROnPlateauFollowsKeras() {
        var rule = ReduceLROnPlateauRule(ReduceLROnPlateau(factor: 0.5, patience: 2, minDelta: 0.001, cooldown: 1, minLR: 0.0002))
        var rate = 0.001
        var rates: [Double] = []
        for value in [1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9] {
            rate = rule.observe(logs: Logs([("val_loss", value)]), rate: rate)
            rates.append(rate)
        }
        // Epoch 4 is the second without improvement: halve, cooldown 1. Epoch 5 spends the cooldown (wait reset,
        // then counted: Keras checks the cooldown again after the decrement), so epoch 6 halves again; epoch 8
        // would halve to 0.000125 but min_lr floors it at 0.0002.
        XCTAssertEqual(rates, [0.001, 0.001, 0.001, 0.0005, 0.0005, 0.00025, 0.00025, 0.0002, 0.0002])
    }

    func testScheduleFormulas() {
        let exp = ExperimentCompiler.LearningRateSchedule.exponentialDecay(decaySteps: 10, decayRate: 0.5, staircase: false)
        XCTAssertEqual(exp.rate(initial: 0.1, step: 0)!, 0.1, accuracy: 1e-15)
        XCTAssertEqual(exp.rate(initial: 0.1, step: 5)!, 0.1 * 0.5.squareRoot(), accuracy: 1e-15)
        let stairs = ExperimentCompiler.LearningRateSchedule.exponentialDecay(decaySteps: 10, decayRate: 0.5, staircase: true)
        XCTAssertEqual(stairs.rate(initial: 0.1, step: 19)!, 0.05, accuracy: 1e-15)
        let cosine = ExperimentCompiler.LearningRateSchedule.cosineDecay(decaySteps: 100, alpha: 0.1)
        XCTAssertEqual(cosine.rate(initial: 1, step: 50)!, 0.9 * 0.5 + 0.1, accuracy: 1e-12)
        XCTAssertEqual(cosine.rate(initial: 1, step: 500)!, 0.1, accuracy: 1e-12, "held at alpha after decay_steps")
        let step = ExperimentCompiler.LearningRateSchedule.stepDecay(every: 3, factor: 0.5)
        XCTAssertEqual((0..<7).map { step.rate(initial: 0.8, epoch: $0)! }, [0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2])
        XCTAssertNil(step.rate(initial: 0.8, step: 1))
    }
}
