import ExperimentCompiler
import RunStore

extension HTMLReport {
    /// Section 5: every run, collapsed, under its configuration: status, epochs, times, host, kernels and threads,
    /// the command and the overrides, as its `run.json` records them.
    func runsSection() -> [String] {
        var lines = [#"<section id="runs">"#, "<h2>Runs</h2>",
                     #"<p class="note">Each run's <code>run.json</code>, the one file of a run folder with times and host facts.</p>"#]
        for index in groups.groups.indices {
            lines.append("<h3>\(swatch(index))</h3>")
            for run in groups.groups[index].runs { lines += details(run) }
        }
        lines.append("</section>")
        return lines
    }

    private func details(_ run: RunFolderContents) -> [String] {
        let record = run.run
        let epochs = run.plannedEpochs.map { $0 == run.epochs ? "\(run.epochs)" : "\(run.epochs) of \($0)" } ?? "\(run.epochs)"
        var facts: [(String, String)] = [
            ("folder", code(run.displayPath)),
            ("status", XMLText.escaped(run.status.rawValue) + (record["error"]?.string.map { ": " + XMLText.escaped($0) } ?? "")),
            ("epochs", epochs),
        ]
        if let accuracy = run.testAccuracy {
            facts.append(("test accuracy", accuracy.formatted(decimals: 4)
                + (run.accuracyGapPoints.map { ", gap \($0.formatted(decimals: 2)) points" } ?? "")))
        }
        if let seed = run.seed { facts.append(("seed", String(seed))) }
        facts.append(("started", text(record["started_at"])))
        facts.append(("finished", text(record["finished_at"])))
        if case .array(let seconds)? = record["epoch_seconds"], !seconds.isEmpty {
            let total = seconds.compactMap(\.number).reduce(0, +)
            facts.append(("training time", "\(total.formatted(decimals: 1)) s, \((total / Double(seconds.count)).formatted(decimals: 2)) s an epoch"))
        }
        if let host = record["host"] {
            let parts = [host["hostname"]?.string, host["cpu"]?.string, host["cores"]?.number.map { "\(Int($0)) cores" }, host["os"]?.string]
            facts.append(("host", XMLText.escaped(parts.compactMap { $0 }.joined(separator: ", "))))
        }
        facts.append(("kernels, threads", XMLText.escaped(RunRecord.kernelFamily(of: record) ?? "-") + ", "
            + (record["threads"]?.number.map { String(Int($0)) } ?? "-")))
        if case .array(let words)? = record["command"] { facts.append(("command", code(commandLine(words.compactMap(\.string))))) }
        if case .array(let overrides)? = record["overrides"] {
            facts.append(("overrides", overrides.isEmpty ? "none" : overrides.compactMap(\.string).map(code).joined(separator: " ")))
        }
        if let commit = record["git"]?["commit"]?.string {
            facts.append(("git commit", code(commit) + (record["git"]?["dirty"] == .bool(true) ? " (with uncommitted changes)" : "")))
        }
        let summary = "\(XMLText.escaped(run.runID)) <span class=\"status-\(run.status.rawValue)\">\(run.status.rawValue)</span>, "
            + plural(run.epochs, "epoch")
        return ["<details><summary>\(summary)</summary><dl>"
            + facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl></details>"]
    }

    private func code(_ text: String) -> String { "<code>\(XMLText.escaped(text))</code>" }

    private func text(_ value: JSONValue?) -> String { XMLText.escaped(value?.string ?? "-") }
}
