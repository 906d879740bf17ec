import ExperimentCompiler
import Training
import XCTest

final class TrainerTests: XCTestCase {
    func testLearnsAndReportsKerasNames() throws {
        let (history, _, test) = try TrainingFixtures.fit(try TrainingFixtures.experiment())
        XCTAssertEqual(history.epochs.count, 2)
        XCTAssertEqual(history.names, ["loss", "accuracy", "val_loss", "val_accuracy"])
        let losses = history.series("loss").map { $0! }
        XCTAssertLessThan(losses[1], losses[0])
        XCTAssertGreaterThan(test["accuracy"]!, 0.8, "2,000 MNIST samples, 2 epochs")
        XCTAssertEqual(test, history.last?.unprefixed("val_"), "validation on the test set is the test evaluation")
    }

    func testSameSeedGivesIdenticalFiguresAndAnotherSeedDifferentOnes() throws {
        let a = try TrainingFixtures.fit(try TrainingFixtures.experiment()).0
        let b = try TrainingFixtures.fit(try TrainingFixtures.experiment()).0
        let c = try TrainingFixtures.fit(try TrainingFixtures.experiment(["seed=8"])).0
        XCTAssertEqual(a, b, "Logs compare bit patterns")
        XCTAssertNotEqual(a, c)
    }

    func testEventsComeInOrderWithEveryStep() throws {
        let (_, events, _) = try TrainingFixtures.fit(try TrainingFixtures.experiment(["fit.epochs=1"]), trainCount: 130)
        var kinds: [String] = []
        for event in events {
            switch event {
            case .trainingStarted(let epochs, let steps): kinds.append("start \(epochs)x\(steps)")
            case .epochStarted(let epoch): kinds.append("epoch \(epoch)")
            case .batchFinished(_, let step, _, _): kinds.append("step \(step)")
            case .epochFinished(let epoch, _, _): kinds.append("end \(epoch)")
            case .earlyStopped(let epoch): kinds.append("stopped \(epoch)")
            case .restoredBestWeights(let epoch): kinds.append("restored \(epoch)")
            }
        }
        // 130 samples at batch 64: two full batches and the last partial one of 2, kept.
        XCTAssertEqual(kinds, ["start 1x3", "epoch 1", "step 1", "step 2", "step 3", "end 1"])
    }

    func testDivergenceStopsAtTheFirstNonFiniteLoss() throws {
        let experiment = try TrainingFixtures.experiment(["compile.optimizer={name: sgd, learning_rate: 1.0e+30}"])
        XCTAssertThrowsError(try TrainingFixtures.fit(experiment)) { error in
            guard case TrainingError.diverged(let epoch, let step, let loss) = error else {
                return XCTFail("expected divergence, got \(error)")
            }
            XCTAssertEqual(epoch, 1)
            XCTAssertGreaterThan(step, 1)
            XCTAssertFalse(loss.isFinite)
        }
    }

    func testEpochLossIsTheBatchSizeWeightedMean() {
        // Keras' loss tracker weights each batch by its size: (0.5*64 + 2.0*2) / 66.
        var history = History()
        history.append(Logs([("loss", (0.5 * 64 + 2.0 * 2) / 66)]))
        XCTAssertEqual(history.series("loss")[0]!, 36.0 / 66, accuracy: 1e-12)
    }
}
