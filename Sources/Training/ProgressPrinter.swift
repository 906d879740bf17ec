import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keras' progress bar, observing training events: `Epoch 3/10`, then
/// `235/235 [==============================] - 1s 2ms/step - loss: 0.0862 - accuracy: 0.9744`.
///
/// On a terminal the bar is redrawn in place as batches finish (at most every 50 ms, as Keras does), each frame
/// fitted to the terminal's width so that it never wraps (a wrapped frame scrolls at every redraw); elsewhere
/// (logs, pipes, shell loops) only each epoch's final line is written, in full.
public final class ProgressPrinter {
    private let live: Bool
    /// The terminal's width: a live frame is at most `columns - 1` characters.
    private let columns: Int
    private let write: (String) -> Void
    private var epochs = 0
    private var steps = 0
    private var lastDraw: Double = -1
    private var drawnWidth = 0

    /// - Parameters:
    ///   - live: redraw the bar in place (pass whether stdout is a terminal).
    ///   - columns: the terminal's width (`terminalColumns()`).
    ///   - write: where text goes; standard output by default.
    public init(live: Bool, columns: Int = 80, write: @escaping (String) -> Void = ProgressPrinter.standardOutput) {
        self.live = live
        self.columns = max(columns, 20)
        self.write = write
    }

    /// Standard output's terminal width (TIOCGWINSZ), else `$COLUMNS`, else 80.
    public static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
    }

    /// Ends a live frame's line, so that what is written next (an interruption's message) starts a line of its own.
    public func endLine() {
        if live, drawnWidth > 0 { write("\n") }
        drawnWidth = 0
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
            draw(Self.frame(step: step, of: steps, eta: Self.eta(eta), logs: logs, columns: columns))
        case .epochFinished(_, let history, let seconds):
            let logs = history.epochs.last ?? Logs()
            let perStep = seconds / Double(max(steps, 1))
            let line = Self.bar(step: steps, of: steps) + String(format: " - %.0fs", seconds) + Self.perStep(perStep) + Self.values(logs)
            if live { draw(Self.wrapped(line, columns: columns)) } else { write(line) }
            write("\n")
            drawnWidth = 0
        case .earlyStopped(let epoch):
            write("Epoch \(epoch): early stopping\n")
        case .restoredBestWeights(let epoch):
            write("Restoring model weights from the end of the best epoch: \(epoch).\n")
        }
    }

    /// Overwrites the frame on screen; spaces blank what is left of a longer one (on the first line, when `text`
    /// has several).
    private func draw(_ text: String) {
        let first = text.prefix { $0 != "\n" }
        let padding = max(0, drawnWidth - first.count)
        write("\r" + first + String(repeating: " ", count: padding) + text.dropFirst(first.count))
        drawnWidth = text.count - (text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) + 1 } ?? 0)
    }

    /// A live frame of at most `columns - 1` characters: the full frame when it fits, else (as Keras 3's bar
    /// gives way on a narrow terminal) a shorter bar, down to 10 columns, then the last values dropped, loss last,
    /// then the text cut.
    static func frame(step: Int, of steps: Int, eta: String, logs: Logs, columns: Int) -> String {
        let limit = columns - 1
        var entries = logs.entries
        while true {
            let values = Self.values(Logs(entries.map { ($0.name, $0.value) }))
            for width in stride(from: 30, through: 10, by: -5) {
                let frame = bar(step: step, of: steps, width: width) + " - ETA: " + eta + values
                if frame.count <= limit { return frame }
            }
            if entries.isEmpty { return String((bar(step: step, of: steps, width: 10) + " - ETA: " + eta).prefix(limit)) }
            entries.removeLast()
        }
    }

    /// An epoch's closing line on a terminal: every value kept, the line broken before a ` - ` where it would pass
    /// `columns - 1`, continuation lines indented by four spaces.
    static func wrapped(_ line: String, columns: Int) -> String {
        let limit = columns - 1
        var lines: [String] = []
        var current = ""
        for (index, piece) in line.components(separatedBy: " - ").enumerated() {
            let next = index == 0 ? piece : " - " + piece
            if !current.isEmpty, current.count + next.count > limit {
                lines.append(current)
                current = "    -" + next.dropFirst(2)
            } else {
                current += next
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
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
    /// With `columns` (a terminal's width) the parts that do not fit after ` | ` go on lines of their own.
    public static func summary(test: Logs, history: History, columns: Int? = nil) -> String {
        var parts = ["Test:" + values(test).dropFirst(2).replacingOccurrences(of: " - ", with: ", ")]
        if let train = history.final?["accuracy"], let testAccuracy = test["accuracy"] {
            parts.append(String(format: "train accuracy: %.4f", train))
            parts.append(String(format: "gap: %.2f points", (train - testAccuracy) * 100))
        }
        guard let columns else { return parts.joined(separator: " | ") + "\n" }
        var lines: [String] = []
        for part in parts {
            if let last = lines.last, last.count + 3 + part.count < columns { lines[lines.count - 1] += " | " + part } else { lines.append(part) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
