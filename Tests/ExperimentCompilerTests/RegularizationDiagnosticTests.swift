import ExperimentCompiler
import XCTest
import ModelKinds

/// Dropout, kernel regularizers, early stopping and schedules: what they compile to and every refusal as text.
final class RegularizationDiagnosticTests: XCTestCase {
    let withValidation = "  validation: test"

    func testDropoutAndRegularizerCompile() throws {
        let text = edited("      activation: relu", "      activation: relu\n      kernel_regularizer: {l2: 0.0001}\n    - dropout: 0.5\n      seed: 9")
        let experiment = try compile(text)
        XCTAssertEqual(experiment.model.layers[1], .dropout(DropoutSpec(rate: 0.5, seed: 9)))
        guard case .dense(let dense) = experiment.model.layers[0] else { return XCTFail("dense first") }
        XCTAssertEqual(dense.kernelRegularizer, Regularizer(l2: 0.0001))
        let summary = experiment.summary(input: .vector(784))
        XCTAssertTrue(summary.contains(" dropout (Dropout)                 (None, 512)             0         0\n"), summary)
        XCTAssertTrue(summary.contains("Total params: 407,050"), summary)
    }

    func testDropoutRateOutOfRange() {
        assertError("      activation: relu", "      activation: relu\n    - dropout: 1.5",
                    "experiments/x.yaml:12:16: error: 'model.layers[1].dropout' must be in [0, 1), not 1.5")
        assertError("      activation: relu", "      activation: relu\n    - dropout: {rate: -0.1}",
                    "experiments/x.yaml:12:23: error: 'model.layers[1].dropout.rate' must be in [0, 1), not -0.1")
    }

    func testDropoutCannotBeLast() {
        assertError("      activation: softmax", "      activation: softmax\n    - dropout: 0.5",
                    "experiments/x.yaml:14:7: error: the last layer is a dropout layer; the model must end with a dense layer (its output is what the loss reads), so move the dropout before it")
    }

    func testOptionGivenInsideAndBesideTheLongForm() {
        assertError("    - dense: 512", "    - dense: {units: 512, activation: relu}",
                    "experiments/x.yaml:10:27: error: 'activation' is given both inside 'model.layers[0].dense' and beside it; keep one")
    }

    func testBadRegularizers() {
        assertError("      activation: relu", "      activation: relu\n      kernel_regularizer: {l3: 0.1}",
                    "experiments/x.yaml:12:28: error: unknown key 'l3' in 'model.layers[0].kernel_regularizer'; did you mean 'l1'?")
        assertError("      activation: relu", "      activation: relu\n      kernel_regularizer: l22",
                    "experiments/x.yaml:12:27: error: unknown regularizer 'l22'; did you mean 'l2'?")
        assertError("      activation: relu", "      activation: relu\n      kernel_regularizer: {l2: -1}",
                    "experiments/x.yaml:12:32: error: 'model.layers[0].kernel_regularizer.l2' must be in [0, 1e+29], not -1")
    }

    func testEarlyStoppingPatienceMustBeNonNegative() {
        assertError(withValidation, "\(withValidation)\n  early_stopping: {patience: -1}",
                    "experiments/x.yaml:23:30: error: 'fit.early_stopping.patience' must be between 0 and 2147483647, not -1")
    }

    func testUnknownMonitorSuggestsTheClosest() {
        assertError(withValidation, "\(withValidation)\n  early_stopping: {monitor: val_los}",
                    "experiments/x.yaml:23:29: error: unknown monitor 'val_los' in 'fit.early_stopping.monitor'; did you mean 'val_loss'?")
        assertError(withValidation, "\(withValidation)\n  early_stopping: {monitor: precision}",
                    "experiments/x.yaml:23:29: error: unknown monitor 'precision' in 'fit.early_stopping.monitor' (expected one of: loss, accuracy, val_loss, val_accuracy)")
    }

    func testValidationMonitorNeedsValidation() {
        assertError(withValidation, "  early_stopping: {monitor: val_accuracy}",
                    "experiments/x.yaml:22:29: error: 'fit.early_stopping' monitors 'val_accuracy', which needs validation; add 'validation: test' or 'validation_split: 0.1' to fit, or monitor 'accuracy'")
        assertError(withValidation, "  early_stopping: {patience: 2}",
                    "experiments/x.yaml:22:19: error: 'fit.early_stopping' monitors 'val_loss' by default, which needs validation; add 'validation: test' or 'validation_split: 0.1' to fit, or monitor 'loss'")
    }

    func testEarlyStoppingModeAndKeys() throws {
        assertError(withValidation, "\(withValidation)\n  early_stopping: {mode: maxx}",
                    "experiments/x.yaml:23:26: error: unknown mode 'maxx'; did you mean 'max'?")
        assertError(withValidation, "\(withValidation)\n  early_stopping: {patients: 2}",
                    "experiments/x.yaml:23:20: error: unknown key 'patients' in 'fit.early_stopping'; did you mean 'patience'?")
        let e = try compile(edited(withValidation, "\(withValidation)\n  early_stopping: {monitor: accuracy, restore_best_weights: true}")).fit.earlyStopping
        XCTAssertEqual(e, EarlyStopping(monitor: "accuracy", restoreBestWeights: true))
        XCTAssertEqual(e?.mode.resolved(for: "accuracy"), .max)
        XCTAssertEqual(MonitorMode.auto.resolved(for: "val_loss"), .min)
    }

    func testScheduleErrors() {
        let line = withValidation
        assertError(line, "\(line)\n  learning_rate_schedule: exponential_decy",
                    "experiments/x.yaml:23:27: error: unknown learning rate schedule 'exponential_decy'; did you mean 'exponential_decay'?")
        assertError(line, "\(line)\n  learning_rate_schedule: {name: exponential_decay, decay_steps: 100}",
                    "experiments/x.yaml:23:27: error: missing key 'decay_rate' in 'fit.learning_rate_schedule' (exponential_decay needs decay_steps and decay_rate)")
        assertError(line, "\(line)\n  learning_rate_schedule: {name: cosine_decay, decay_steps: 0}",
                    "experiments/x.yaml:23:61: error: 'fit.learning_rate_schedule.decay_steps' must be between 1 and 2147483647, not 0")
        assertError(line, "\(line)\n  learning_rate_schedule: {name: cosine_decay, decay_steps: 10, staircase: true}",
                    "experiments/x.yaml:23:65: error: unknown key 'staircase' in 'fit.learning_rate_schedule' (expected one of: name, decay_steps, alpha)")
        assertError(line, "\(line)\n  learning_rate_schedule: {name: reduce_lr_on_plateau, factor: 1.5}",
                    "experiments/x.yaml:23:64: error: 'fit.learning_rate_schedule.factor' must be in (0, 1), not 1.5")
        assertError(line, "\(line)\n  learning_rate_schedule: {name: reduce_lr_on_plateau, monitor: val_acuracy}",
                    "experiments/x.yaml:23:65: error: unknown monitor 'val_acuracy' in 'fit.learning_rate_schedule.monitor'; did you mean 'val_accuracy'?")
    }

    func testScheduleShortFormIsWidenedByAnOverride() throws {
        let text = edited(withValidation, "\(withValidation)\n  learning_rate_schedule: reduce_lr_on_plateau")
        let experiment = try compile(text, overrides: ["fit.learning_rate_schedule.patience=3"])
        XCTAssertEqual(experiment.fit.learningRateSchedule, .reduceLROnPlateau(ReduceLROnPlateau(patience: 3)))
    }
}
