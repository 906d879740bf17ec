import Foundation
import NeuralNetwork
import RunStore

/// A completed run trained again from its `resolved.json` into a temporary results root, and every
/// deterministic file compared byte for byte (all but run.json, which holds times and host facts).
///
/// The thread count never changes a bit (the engine's tasks do not depend on it), but OpenBLAS' kernel
/// families round differently (AVX2 `Haswell` vs AVX-512 `SkylakeX`): when run.json's `kernel_family`
/// differs from this machine's, a note on stderr says so before anything is compared.
public struct Verification {
    /// The run folder, without a trailing slash.
    public var folder: String
    public var keep: Bool
    public var quiet: Bool

    public init(folder given: String, keep: Bool, quiet: Bool) {
        folder = given.hasSuffix("/") && given.count > 1 ? String(given.dropLast()) : given
        self.keep = keep
        self.quiet = quiet
    }

    /// Trains the run again; the report says which files differ. The temporary root is removed unless `keep`.
    public func run() throws(RunnerFailure) -> (report: VerifyReport, again: String) {
        try requireCompletedRun(folder)
        if let note = Self.kernelNote(recorded: RunRecord.recordedKernelFamily(inFolder: folder), here: BLAS.coreName) {
            StandardError.write(note)
        }
        // A damaged run folder (its resolved.json, model or preprocessing) is said as evaluate says it, before training.
        _ = try SavedModel(folder: folder)
        var compiled = try CompileStep.savedRun(folder: folder, compiler: CompileStep.compiler)
        compiled.sourceBytes = try CompileStep.read(folder + "/experiment.yaml")
        let scratch = try temporaryRoot()
        defer { if !keep { try? FileManager.default.removeItem(atPath: scratch) } }
        let outcome = try TrainingRun(compiled: compiled, resultsRoot: scratch, overrides: [], force: true, quiet: quiet).execute()
        guard case let .trained(again) = outcome else { throw .runFailed("the run was not trained again") }
        return (try VerifyReport(original: folder, again: again), again)
    }

    /// `note: this run was trained with OpenBLAS' SkylakeX kernels, this machine uses Haswell: bits may differ`,
    /// or nil when the families agree (or the run recorded none).
    public static func kernelNote(recorded: String?, here: String) -> String? {
        guard let recorded, recorded != here else { return nil }
        return "note: this run was trained with OpenBLAS' \(recorded) kernels, this machine uses \(here): bits may differ"
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
public struct VerifyReport {
    public var files: [String]
    public var differing: [String: String]

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

    public var allIdentical: Bool { differing.isEmpty }

    public var text: String {
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
