import ArgumentParser
import Foundation
import RunStore
import Reports

/// `runner verify RUN`: trains a finished run again from its `resolved.json` and checks that every
/// deterministic file comes out byte for byte the same.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Train a completed run again and check that its results are reproduced byte for byte.",
        discussion: """
            Compiles RUN/resolved.json (it must compile back to itself), trains it into a temporary results folder, and compares every file of the run folder except run.json, which holds times and host facts. Exit status 0 when all are identical, 1 when any differs.

            Example:
              runner verify results/mnist-dense/latest
            """
    )

    @Argument(help: "A run folder, e.g. results/mnist-dense/latest.")
    var runFolder: String

    @Flag(help: "Keep the temporary results folder and print where it is.")
    var keep = false

    @Flag(name: .shortAndLong, help: "Print nothing while training.")
    var quiet = false

    func run() throws {
        let folder = runFolder.hasSuffix("/") && runFolder.count > 1 ? String(runFolder.dropLast()) : runFolder
        try requireCompletedRun(folder)
        let resolvedPath = folder + "/resolved.json"
        let resolved = try CompileStep.read(resolvedPath)
        var compiled = try CompileStep.compile(resolved, source: resolvedPath, overrides: [])
        guard Array(compiled.experiment.resolvedJSONText.utf8) == resolved else {
            throw RunnerFailure.runFailed("\(resolvedPath) does not compile back to the same experiment "
                + "(was it written by another version of runner, or edited?); nothing to verify against")
        }
        compiled.sourceBytes = try CompileStep.read(folder + "/experiment.yaml")
        let scratch = try temporaryRoot()
        defer { if !keep { try? FileManager.default.removeItem(atPath: scratch) } }
        let outcome = try TrainingRun(compiled: compiled, resultsRoot: scratch, overrides: [], force: true, quiet: quiet).execute()
        guard case let .trained(again) = outcome else { throw RunnerFailure.runFailed("the run was not trained again") }
        if keep { print("Trained again into \(again)") }
        let report = try VerifyReport(original: folder, again: again)
        print(report.text, terminator: "")
        if !report.allIdentical { throw RunnerFailure.runFailed("\(report.differing.count) of \(report.files.count) files differ from \(folder)") }
    }

    private func requireCompletedRun(_ folder: String) throws(RunnerFailure) {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .usage("'\(folder)' is not a folder; give a run folder such as results/mnist-dense/latest")
        }
        for name in ["resolved.json", "experiment.yaml", RunRecord.fileName] where !fm.fileExists(atPath: folder + "/" + name) {
            throw .usage("'\(folder)' is not a run folder (it has no \(name)); run folders are results/<name>/<run-id>/")
        }
        let status = RunRecord.recordedStatus(inFolder: folder)
        guard status == .completed else {
            throw .usage("'\(folder)' is \(status?.rawValue ?? "unreadable (run.json)"), not completed; "
                + "only a completed run can be verified (run its experiment again to complete it)")
        }
    }

    private func temporaryRoot() throws(RunnerFailure) -> String {
        var template = Array((NSTemporaryDirectory() + "/runner-verify-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .runFailed("cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }
}

/// Which deterministic files of a run came out the same when it was trained again.
struct VerifyReport {
    var files: [String]
    var differing: [String: String]

    init(original: String, again: String) throws(RunnerFailure) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: original)
                .filter { !$0.hasPrefix(".") && $0 != RunRecord.fileName }.sorted()
        } catch {
            throw .runFailed("cannot list '\(original)': \(error.localizedDescription)")
        }
        files = names
        differing = [:]
        for name in names {
            let a = FileManager.default.contents(atPath: original + "/" + name)
            let b = FileManager.default.contents(atPath: again + "/" + name)
            if a != b { differing[name] = Self.firstDifference(a, b) }
        }
    }

    var allIdentical: Bool { differing.isEmpty }

    var text: String {
        let width = files.map(\.count).max() ?? 0
        return files.map { name in
            name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + (differing[name] ?? "identical")
        }.joined(separator: "\n") + "\n"
    }

    /// `differs at line 4`, or why there is nothing to compare.
    static func firstDifference(_ a: Data?, _ b: Data?) -> String {
        guard let a else { return "missing in the original" }
        guard let b else { return "not written again" }
        let lines = (Array(a).split(separator: 10, omittingEmptySubsequences: false),
                     Array(b).split(separator: 10, omittingEmptySubsequences: false))
        let line = zip(lines.0, lines.1).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(lines.0.count, lines.1.count)
        return "differs at line \(line + 1)"
    }
}
