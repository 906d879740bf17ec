import Foundation
import Training

/// A test hook that sends a signal at a known point of training, so fault tests never depend on timing:
/// `RUNNER_TEST_SIGNAL=INT@3` raises SIGINT right after the first step of epoch 3 (`TERM`, `KILL` likewise).
struct FaultInjection {
    static let variable = "RUNNER_TEST_SIGNAL"
    var signal: Int32
    var epoch: Int

    /// The hook from the environment, if set and well formed.
    static var fromEnvironment: FaultInjection? {
        guard let text = ProcessInfo.processInfo.environment[variable] else { return nil }
        let parts = text.split(separator: "@")
        let signals: [Substring: Int32] = ["INT": SIGINT, "TERM": SIGTERM, "KILL": SIGKILL]
        guard parts.count == 2, let number = signals[parts[0]], let epoch = Int(parts[1]) else { return nil }
        return FaultInjection(signal: number, epoch: epoch)
    }

    func observe(_ event: TrainingEvent, signals: InterruptSignals) {
        guard case let .batchFinished(epoch, step, _, _) = event, epoch == self.epoch, step == 1 else { return }
        signals.raiseAndWait(signal)
    }
}
