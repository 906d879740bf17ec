import ExperimentCompiler
import Training
import XCTest

/// Callbacks inside a real (tiny) fit: restored weights, the learning rate in the history, the events.
final class CallbackTrainingTests: XCTestCase {
    func testRestoredWeightsAreTheBestEpochs() throws {
        // A large learning rate makes val_loss bounce, so the best epoch is rarely the last.
        let experiment = try TrainingFixtures.experiment([
            "fit.epochs=6", "fit.validation=test", "compile.optimizer={name: sgd, learning_rate: 0.5}",
            "fit.early_stopping={monitor: val_loss, patience: 6, restore_best_weights: true}"])
        let (history, events, test) = try TrainingFixtures.fit(experiment, trainCount: 600)
        let losses = history.series("val_loss").map { $0! }
        let best = losses.indices.min { losses[$0] < losses[$1] }! + 1
        XCTAssertLessThan(best, 6, "the setting should give a best epoch before the last: \(losses)")
        XCTAssertNil(history.stoppedEpoch, "patience 6 over 6 epochs never stops")
        XCTAssertEqual(history.restoredEpoch, best)
        // The fixture evaluates the test set (the validation data) after fit: the best epoch's figures, bit for bit.
        XCTAssertEqual(test, history.epochs[best - 1].unprefixed("val_"))
        guard case .restoredBestWeights(let epoch)? = events.last else { return XCTFail("last event: \(String(describing: events.last))") }
        XCTAssertEqual(epoch, best)
    }

    func testEarlyStoppingEndsTheFitAndSaysSo() throws {
        let experiment = try TrainingFixtures.experiment([
            "fit.epochs=8", "compile.optimizer={name: sgd, learning_rate: 0.5}",
            "fit.early_stopping={monitor: loss, patience: 0, min_delta: 10}"])
        let (history, events, _) = try TrainingFixtures.fit(experiment, trainCount: 300)
        // min_delta 10: nothing after the first epoch improves, so it stops after epoch 2.
        XCTAssertEqual(history.epochs.count, 2)
        XCTAssertEqual(history.stoppedEpoch, 2)
        XCTAssertNil(history.restoredEpoch)
        guard case .earlyStopped(2)? = events.last else { return XCTFail("last event: \(String(describing: events.last))") }
        var output = ""
        let printer = ProgressPrinter(live: false) { output += $0 }
        events.forEach(printer.observe)
        XCTAssertTrue(output.hasSuffix("\nEpoch 2: early stopping\n"), output)
    }

    func testLearningRateIsLoggedOnlyWithASchedule() throws {
        let plain = try TrainingFixtures.fit(try TrainingFixtures.experiment(["fit.epochs=1"]), trainCount: 200).0
        XCTAssertFalse(plain.names.contains("learning_rate"))
        // 200 samples at 64: 4 steps per epoch; the logged rate is the one of each epoch's last step (3, 7).
        let experiment = try TrainingFixtures.experiment([
            "fit.epochs=2", "fit.learning_rate_schedule={name: exponential_decay, decay_steps: 4, decay_rate: 0.5}"])
        let history = try TrainingFixtures.fit(experiment, trainCount: 200).0
        XCTAssertEqual(history.names.last, "learning_rate")
        let rates = history.series("learning_rate").map { $0! }
        XCTAssertEqual(rates[0], 0.001 * pow(0.5, 3.0 / 4), accuracy: 1e-15)
        XCTAssertEqual(rates[1], 0.001 * pow(0.5, 7.0 / 4), accuracy: 1e-15)

        let stepped = try TrainingFixtures.fit(try TrainingFixtures.experiment([
            "fit.epochs=3", "fit.learning_rate_schedule={name: step_decay, every: 2, factor: 0.1}"]), trainCount: 200).0
        XCTAssertEqual(stepped.series("learning_rate").map { $0! }, [0.001, 0.001, 0.001 * 0.1])
    }

    func testDropoutAndPenaltyTrainDeterministically() throws {
        let experiment = try TrainingFixtures.experiment([
            "fit.epochs=1",
            "model.layers=[{dense: 32, activation: relu, kernel_regularizer: {l2: 0.001}}, {dropout: 0.5}, {dense: 10, activation: softmax}]"])
        let a = try TrainingFixtures.fit(experiment, trainCount: 300)
        let b = try TrainingFixtures.fit(experiment, trainCount: 300)
        XCTAssertEqual(a.0, b.0, "same seed, same masks, same figures")
        XCTAssertEqual(a.2, b.2)
        let other = try TrainingFixtures.fit(try TrainingFixtures.experiment([
            "fit.epochs=1", "model.layers=[{dense: 32, activation: relu, kernel_regularizer: {l2: 0.001}}, {dropout: {rate: 0.5, seed: 1}}, {dense: 10, activation: softmax}]"]), trainCount: 300)
        XCTAssertNotEqual(a.0, other.0, "the layer's own seed draws other masks")
    }
}
