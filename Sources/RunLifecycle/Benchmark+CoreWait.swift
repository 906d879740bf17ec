import Foundation

/// How long the benchmark's threads waited for a core: on a machine others are loading, the figure that
/// says how much of a slow epoch was the machine's and not the engine's.
extension Benchmark {
    /// Seconds all of this process's threads have spent runnable but not running (Linux's
    /// `/proc/self/task/*/schedstat`, whose second field is that run delay in nanoseconds); nil where
    /// there is no such file (another OS).
    static func secondsWaitedForACore() -> Double? {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return nil }
        var total: UInt64 = 0
        for task in tasks {
            guard let text = try? String(contentsOfFile: "/proc/self/task/\(task)/schedstat", encoding: .utf8),
                  let delay = runDelayNanoseconds(schedstat: text) else { continue }
            total += delay
        }
        return Double(total) / 1e9
    }

    /// The run delay of one `schedstat` line: "on-CPU ns, runnable-waiting ns, timeslices".
    static func runDelayNanoseconds(schedstat: String) -> UInt64? {
        let fields = schedstat.split(whereSeparator: \.isWhitespace)
        return fields.count >= 2 ? UInt64(fields[1]) : nil
    }
}
