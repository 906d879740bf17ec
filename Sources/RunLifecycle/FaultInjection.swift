import Foundation
import Training

/// Test hooks that act at known points of training, so fault tests never depend on timing:
/// `RUNNER_TEST_SIGNAL=INT@3` raises SIGINT right after the first step of epoch 3 (`TERM`, `KILL` likewise);
/// `RUNNER_TEST_TRAINING_LOG=FILE` appends one line (the pid and the argument vector) to FILE when training
/// starts, so a test can count how often each run was trained.
struct FaultInjection {
    static let variable = "RUNNER_TEST_SIGNAL"
    static let logVariable = "RUNNER_TEST_TRAINING_LOG"
    var signal: Int32?
    var epoch = 0
    var trainingLog: String?

    /// The hooks from the environment, if any is set (a malformed signal is ignored).
    static var fromEnvironment: FaultInjection? {
        let environment = ProcessInfo.processInfo.environment
        var hooks = FaultInjection(trainingLog: environment[logVariable])
        if let text = environment[variable] {
            let parts = text.split(separator: "@")
            let signals: [Substring: Int32] = ["INT": SIGINT, "TERM": SIGTERM, "KILL": SIGKILL]
            if parts.count == 2, let number = signals[parts[0]], let epoch = Int(parts[1]) {
                hooks.signal = number
                hooks.epoch = epoch
            }
        }
        return hooks.signal == nil && hooks.trainingLog == nil ? nil : hooks
    }

    func observe(_ event: TrainingEvent, signals: InterruptSignals) {
        if case .trainingStarted = event, let trainingLog { Self.append(line: "\(getpid()) \(CommandLine.arguments.joined(separator: " "))\n", to: trainingLog) }
        guard let signal, case let .batchFinished(epoch, step, _, _) = event, epoch == self.epoch, step == 1 else { return }
        signals.raiseAndWait(signal)
    }

    /// One `write(2)` with O_APPEND: lines from processes training at once never interleave.
    private static func append(line: String, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}
