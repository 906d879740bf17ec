import Foundation

/// The sweep's live view: one updating line on a terminal (done / running / failed / best), plain lines otherwise.
///
/// Finished and failed runs are also written as lines of their own, so the scrollback keeps them.
final class SweepProgress {
    let total: Int
    let live: Bool
    private(set) var done = 0, running = 0, failed = 0, skipped = 0
    /// Runs started or found completed so far: a start line's number, so no two start lines share one.
    private var begun = 0
    private var best: (label: String, metric: String, value: Double)?
    private var lastLine = ""

    init(total: Int, live: Bool) {
        self.total = total
        self.live = live
    }

    func started(_ label: String) {
        running += 1
        begun += 1
        if !live { emit("started \(label) (run \(begun) of \(total))") }
        redraw()
    }

    func alreadyCompleted(_ label: String, folder: String) {
        done += 1
        skipped += 1
        begun += 1
        emit("[\(finished)/\(total)] already completed \(label): \(folder)")
        redraw()
    }

    func finished(_ label: String, seconds: Double, folder: String?) {
        running -= 1
        done += 1
        var line = String(format: "[%d/%d] done %@ (%.1fs)", finished, total, label, seconds)
        if let folder, let score = SweepFolders.score(folder) {
            let shown = score.name == "test loss" ? -score.value : score.value
            line += String(format: ", %@ %.4f", score.name, shown)
            if best == nil || score.value > best!.value { best = (label, score.name, score.value) }
        }
        emit(line)
        redraw()
    }

    func failed(_ label: String, status: Int32, reason: String) {
        running -= 1
        failed += 1
        emit("[\(finished)/\(total)] FAILED \(label) (exit status \(status)): \(reason)")
        redraw()
    }

    /// Ends the live line.
    func close() {
        if live, !lastLine.isEmpty { write("\r\u{1B}[K" + lastLine + "\n") }
        lastLine = ""
    }

    var finished: Int { done + failed }

    var statusLine: String {
        var line = "sweep: \(done)/\(total) done, \(running) running, \(failed) failed"
        if let best {
            line += String(format: "; best %@ %.4f (%@)", best.metric, best.metric == "test loss" ? -best.value : best.value, best.label)
        }
        return line
    }

    private func redraw() {
        guard live else { return }
        lastLine = statusLine
        write("\r\u{1B}[K" + lastLine)
    }

    private func emit(_ line: String) {
        write(live ? "\r\u{1B}[K" + line + "\n" : line + "\n")
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
