import Datasets
import ExperimentCompiler
import NeuralNetwork
import Training
import XCTest

/// A fit's state after an epoch, restored into a fresh trainer, continues the fit exactly: same history,
/// same weights, bit for bit, with dropout, Adam, a per-step schedule and early stopping all carrying state.
final class FitStateTests: XCTestCase {
    static let overrides = [
        "model.layers=[{dense: 32, activation: relu}, {dropout: 0.3}, {dense: 10, activation: softmax}]",
        "compile.optimizer={name: adam, learning_rate: 0.01}", "fit.epochs=5", "fit.validation=test",
        "fit.learning_rate_schedule={name: exponential_decay, decay_steps: 3, decay_rate: 0.9}",
        "fit.early_stopping={monitor: val_loss, patience: 5, restore_best_weights: true}",
    ]

    func trainer(_ experiment: Experiment) throws -> (Trainer, BatchSource, BatchSource) {
        let builder = ModelBuilder(experiment)
        let train = TrainingFixtures.mnist.train.slice(0..<300).preprocessed(builder.preprocessing)
        let test = TrainingFixtures.mnist.test.slice(0..<100).preprocessed(builder.preprocessing)
        return (try builder.trainer(inputWidth: train.featureCount), train, test)
    }

    func testAFitResumedFromAnyEpochsStateEndsAsTheUninterruptedFit() throws {
        let experiment = try TrainingFixtures.experiment(Self.overrides)
        let (whole, train, test) = try trainer(experiment)
        var states: [FitState] = []
        let history = try whole.fit(train, validation: test, epochs: 5, shuffle: true, seed: experiment.seed) { event in
            if case .epochFinished = event { states.append(whole.fitState()) }
        }
        XCTAssertEqual(states.map(\.epoch), [1, 2, 3, 4, 5])
        XCTAssertNotNil(history.restoredEpoch)
        for state in states {
            let (resumed, _, _) = try trainer(experiment)
            try resumed.restore(state, epochs: 5)
            var epochs: [Int] = []
            let again = try resumed.fit(train, validation: test, epochs: 5, shuffle: true, seed: experiment.seed) { event in
                if case .epochStarted(let epoch) = event { epochs.append(epoch) }
            }
            XCTAssertEqual(epochs, Array(stride(from: state.epoch + 1, through: 5, by: 1)), "resumed after \(state.epoch)")
            XCTAssertEqual(again, history, "resumed after epoch \(state.epoch)")
            XCTAssertEqual(Array(resumed.model.parameters.values).map(\.bitPattern), Array(whole.model.parameters.values).map(\.bitPattern),
                           "resumed after epoch \(state.epoch)")
        }
    }

    func testAStateOfAnotherModelChangesNothingAndSaysWhy() throws {
        let experiment = try TrainingFixtures.experiment(Self.overrides)
        let (first, train, test) = try trainer(experiment)
        var state: FitState?
        _ = try first.fit(train, validation: test, epochs: 1, shuffle: true, seed: experiment.seed) { event in
            if case .epochFinished = event { state = first.fitState() }
        }
        let (other, _, _) = try trainer(try TrainingFixtures.experiment(Self.overrides + ["model.layers[0].dense=16"]))
        let before = Array(other.model.parameters.values)
        XCTAssertThrowsError(try other.restore(state!, epochs: 5)) { error in
            XCTAssertEqual("\(error)", "it holds \(state!.weights.count) weights, the model has \(other.model.parameterCount)")
        }
        let (noStopping, _, _) = try trainer(try TrainingFixtures.experiment(Array(Self.overrides.dropLast())))
        XCTAssertThrowsError(try noStopping.restore(state!, epochs: 5)) { error in
            XCTAssertEqual("\(error)", "it has early stopping's state, and the experiment no early stopping")
        }
        XCTAssertEqual(Array(other.model.parameters.values), before)
    }

    /// Batch normalization's moving statistics are not in the parameter buffer: the state carries them by name
    /// and shape, and a state whose statistics do not fit the model changes nothing.
    func testBatchNormalizationsMovingStatisticsAreRestoredAndAMisfitChangesNothing() throws {
        let overrides = ["model.layers=[{dense: 8, activation: relu}, {batch_normalization: {momentum: 0.5}}, {dense: 10, activation: softmax}]",
                         "fit.epochs=2"]
        let experiment = try TrainingFixtures.experiment(overrides)
        let (first, train, test) = try trainer(experiment)
        var state: FitState?
        _ = try first.fit(train, validation: test, epochs: 1, shuffle: true, seed: experiment.seed) { event in
            if case .epochFinished = event { state = first.fitState() }
        }
        XCTAssertEqual(state!.layerState.map(\.name), ["batch_normalization.moving_mean", "batch_normalization.moving_variance"])
        XCTAssertEqual(state!.layerState, first.model.stateTensors)
        let (fresh, _, _) = try trainer(experiment)
        XCTAssertNotEqual(fresh.model.stateTensors, state!.layerState, "one epoch moves the statistics from 0 and 1")
        var misfit = state!
        misfit.layerState[1].shape = [4]
        misfit.layerState[1].values = [1, 1, 1, 1]
        let before = (Array(fresh.model.parameters.values), fresh.model.stateTensors)
        XCTAssertThrowsError(try fresh.restore(misfit, epochs: 2)) { error in
            XCTAssertEqual("\(error)", "its layer state does not fit the model: 'batch_normalization.moving_variance' has shape [4], the model's is [8]")
        }
        XCTAssertEqual(Array(fresh.model.parameters.values), before.0)
        XCTAssertEqual(fresh.model.stateTensors, before.1)
        try fresh.restore(state!, epochs: 2)
        XCTAssertEqual(fresh.model.stateTensors, state!.layerState)
    }

    /// Early stopping's restore_best_weights puts back the best epoch's moving statistics with its weights, as
    /// Keras' `set_weights(best_weights)` does, and a resumed fit keeps them in its state.
    func testRestoredBestWeightsBringBackThatEpochsMovingStatistics() throws {
        let overrides = ["model.layers=[{dense: 8, activation: relu}, {batch_normalization: {momentum: 0.5}}, {dense: 10, activation: softmax}]",
                         "compile.optimizer={name: adam, learning_rate: 0.05}", "fit.epochs=12", "fit.validation=test",
                         "fit.early_stopping={monitor: val_loss, patience: 12, restore_best_weights: true}"]
        let experiment = try TrainingFixtures.experiment(overrides)
        let (trainer, train, test) = try trainer(experiment)
        var states: [FitState] = []
        let history = try trainer.fit(train, validation: test, epochs: 12, shuffle: true, seed: experiment.seed) { event in
            if case .epochFinished = event { states.append(trainer.fitState()) }
        }
        let best = try XCTUnwrap(history.restoredEpoch)
        XCTAssertLessThan(best, 12, "the test needs a best epoch before the last")
        XCTAssertNotEqual(states[best - 1].layerState, states[11].layerState)
        XCTAssertEqual(trainer.model.stateTensors, states[best - 1].layerState)
        XCTAssertEqual(states[11].callbacks.bestState, states[best - 1].layerState)
        XCTAssertEqual(Array(trainer.model.parameters.values), states[best - 1].weights)
    }
}
