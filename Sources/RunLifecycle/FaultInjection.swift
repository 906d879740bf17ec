import Foundation
import Training

/// Test hooks that act at known points of training, so fault tests never depend on timing:
/// `RUNNER_TEST_SIGNAL=INT@3` raises SIGINT right after the first step of epoch 3 (`TERM`, `KILL` likewise;
/// `STOP` freezes the process there, so a test can act on its parent at a known point),
/// `KILL@3:checkpoint` right after epoch 3's checkpoint (and run.json after it) is written, `KILL@model` once the model file's
/// temporary copy is written, before it replaces `model.safetensors`;
/// `RUNNER_TEST_SWEEP_START_FAILURE=N` makes a local sweep fail to start its N-th child (from 1);
/// `RUNNER_TEST_TRAINING_LOG=FILE` appends one line (the pid and the argument vector) to FILE when training
/// starts, so a test can count how often each run was trained.
struct FaultInjection {
    static let variable = "RUNNER_TEST_SIGNAL"
    static let logVariable = "RUNNER_TEST_TRAINING_LOG"

    /// Where the signal is raised.
    enum Point: Equatable {
        case step(epoch: Int)
        case checkpoint(epoch: Int)
        case modelWrite
    }

    var signal: Int32?
    var point = Point.step(epoch: 0)
    var trainingLog: String?

    /// The hooks from the environment, if any is set (a malformed signal is ignored).
    static var fromEnvironment: FaultInjection? {
        let environment = ProcessInfo.processInfo.environment
        var hooks = FaultInjection(trainingLog: environment[logVariable])
        if let text = environment[variable] {
            let parts = text.split(separator: "@")
            let signals: [Substring: Int32] = ["INT": SIGINT, "TERM": SIGTERM, "KILL": SIGKILL, "STOP": SIGSTOP]
            if parts.count == 2, let number = signals[parts[0]], let point = Self.point(parts[1]) {
                hooks.signal = number
                hooks.point = point
            }
        }
        return hooks.signal == nil && hooks.trainingLog == nil ? nil : hooks
    }

    private static func point(_ text: Substring) -> Point? {
        if text == "model" { return .modelWrite }
        let parts = text.split(separator: ":")
        guard let epoch = parts.first.flatMap({ Int($0) }) else { return nil }
        if parts.count == 1 { return .step(epoch: epoch) }
        return parts.count == 2 && parts[1] == "checkpoint" ? .checkpoint(epoch: epoch) : nil
    }

    func observe(_ event: TrainingEvent, signals: InterruptSignals) {
        if case .trainingStarted = event, let trainingLog { Self.append(line: "\(getpid()) \(CommandLine.arguments.joined(separator: " "))\n", to: trainingLog) }
        guard let signal, case let .batchFinished(epoch, step, _, _) = event, point == .step(epoch: epoch), step == 1 else { return }
        signals.raiseAndWait(signal)
    }

    /// After epoch `epoch`'s checkpoint is on disk.
    func checkpointWritten(epoch: Int, signals: InterruptSignals) {
        if let signal, point == .checkpoint(epoch: epoch) { signals.raiseAndWait(signal) }
    }

    /// The model write's `beforeRename`, when the signal is to come there.
    func duringModelWrite(signals: InterruptSignals) -> (() -> Void)? {
        guard let signal, point == .modelWrite else { return nil }
        return { signals.raiseAndWait(signal) }
    }

    /// Whether a local sweep's `number`-th child (from 1) is to fail to start.
    static func refusesToStart(child number: Int) -> Bool {
        ProcessInfo.processInfo.environment["RUNNER_TEST_SWEEP_START_FAILURE"].flatMap { Int($0) } == number
    }

    /// The failure a refused start reports.
    struct RefusedStart: Error, CustomStringConvertible {
        var description: String { "RUNNER_TEST_SWEEP_START_FAILURE refused to start it" }
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
