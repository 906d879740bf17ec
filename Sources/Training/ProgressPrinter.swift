import Foundation

/// Keras' progress bar, observing training events: `Epoch 3/10`, then
/// `235/235 [==============================] - 1s 2ms/step - loss: 0.0862 - accuracy: 0.9744`.
///
/// On a terminal the bar is redrawn in place as batches finish (at most every 50 ms, as Keras does);
/// elsewhere (logs, pipes, shell loops) only each epoch's final line is written.
public final class ProgressPrinter {
    private let live: Bool
    private let write: (String) -> Void
    private var epochs = 0
    private var steps = 0
    private var lastDraw: Double = -1
    private var drawnWidth = 0

    /// - Parameters:
    ///   - live: redraw the bar in place (pass whether stdout is a terminal).
    ///   - write: where text goes; standard output by default.
    public init(live: Bool, write: @escaping (String) -> Void = ProgressPrinter.standardOutput) {
        self.live = live
        self.write = write
    }

    public static let standardOutput: @Sendable (String) -> Void = { text in
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public func observe(_ event: TrainingEvent) {
        switch event {
        case .trainingStarted(let epochs, let stepsPerEpoch):
            self.epochs = epochs
            steps = stepsPerEpoch
        case .epochStarted(let epoch):
            write("Epoch \(epoch)/\(epochs)\n")
            lastDraw = -1
            drawnWidth = 0
        case .batchFinished(_, let step, let logs, let elapsed):
            guard live, step < steps, elapsed - lastDraw >= 0.05 || lastDraw < 0 else { return }
            lastDraw = elapsed
            let eta = elapsed / Double(step) * Double(steps - step)
            draw(Self.bar(step: step, of: steps) + " - ETA: " + Self.eta(eta) + Self.values(logs))
        case .epochFinished(_, let logs, let seconds):
            let perStep = seconds / Double(max(steps, 1))
            let line = Self.bar(step: steps, of: steps) + String(format: " - %.0fs", seconds) + Self.perStep(perStep) + Self.values(logs)
            if live { draw(line) } else { write(line) }
            write("\n")
        case .earlyStopped(let epoch):
            write("Epoch \(epoch): early stopping\n")
        case .restoredBestWeights(let epoch):
            write("Restoring model weights from the end of the best epoch: \(epoch).\n")
        }
    }

    private func draw(_ line: String) {
        let padding = max(0, drawnWidth - line.count)
        write("\r" + line + String(repeating: " ", count: padding))
        drawnWidth = line.count
    }

    /// `  37/235 [====>.........................]`: 30 columns, as Keras' Progbar.
    static func bar(step: Int, of steps: Int, width: Int = 30) -> String {
        let digits = String(steps).count
        let counter = String(repeating: " ", count: max(0, digits - String(step).count)) + "\(step)/\(steps)"
        let filled = steps > 0 ? Int(Double(width) * Double(step) / Double(steps)) : width
        var bar = ""
        if filled > 0 {
            bar += String(repeating: "=", count: filled - 1)
            bar += step < steps ? ">" : "="
        }
        bar += String(repeating: ".", count: width - filled)
        return counter + " [" + bar + "]"
    }

    /// Keras' `_format_time`: whole seconds, milliseconds or microseconds per step.
    static func perStep(_ seconds: Double) -> String {
        if seconds >= 1 || seconds == 0 { return String(format: " %.0fs/step", seconds) }
        if seconds >= 1e-3 { return String(format: " %.0fms/step", seconds * 1e3) }
        return String(format: " %.0fus/step", seconds * 1e6)
    }

    static func eta(_ seconds: Double) -> String {
        let s = Int(seconds)
        if s > 3600 { return String(format: "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) }
        if s > 60 { return String(format: "%d:%02d", s / 60, s % 60) }
        return "\(s)s"
    }

    /// ` - loss: 0.0862 - accuracy: 0.9744`; tiny values in exponent form, as Keras prints them.
    static func values(_ logs: Logs) -> String {
        logs.entries.map { entry in
            let format = abs(entry.value) > 1e-3 ? "%.4f" : "%.4e"
            return " - \(entry.name): " + String(format: format, entry.value)
        }.joined()
    }

    /// The closing line: test figures, the last epoch's train accuracy and the gap in percentage points.
    public static func summary(test: Logs, history: History) -> String {
        var parts = ["Test:" + values(test).dropFirst(2).replacingOccurrences(of: " - ", with: ", ")]
        if let train = history.final?["accuracy"], let testAccuracy = test["accuracy"] {
            parts.append(String(format: "train accuracy: %.4f", train))
            parts.append(String(format: "gap: %.2f points", (train - testAccuracy) * 100))
        }
        return parts.joined(separator: " | ") + "\n"
    }
}
