import Datasets
import ExperimentCompiler
import ModelKinds
import Sweeps
import YAML
import Foundation

/// An experiment compiled from its file and overrides: what `run` and `check` both start from.
public struct CompiledExperiment {
    public var experiment: Experiment
    /// The file as given, byte for byte (saved as experiment.yaml in the run folder).
    public var sourceBytes: [UInt8]
    /// Feature and class counts of the dataset; nil for an IDX folder not yet inspected.
    public var inputShape: DatasetShape?
    /// Where the file was read from (for run.json's git commit).
    public var sourcePath: String?
}

/// Reads and compiles the experiment; every mistake becomes a `RunnerFailure` with status 2.
public enum CompileStep {
    /// The experiment file `path` with `overrides` (`PATH=VALUE`, as `--set` gives them) applied, compiled.
    public static func run(_ path: String, overrides: [String]) throws(RunnerFailure) -> CompiledExperiment {
        try compile(try read(path), source: path, overrides: overrides)
    }

    /// Compiles `bytes` read from `source` (a path, for the diagnostics).
    /// `compiler` reads the data files to check shapes; a run folder's own resolved.json, checked when it
    /// trained, is compiled with `savedRunCompiler`, which reads none.
    public static func compile(_ bytes: [UInt8], source: String, overrides: [String],
                               compiler: Compiler = CompileStep.compiler) throws(RunnerFailure) -> CompiledExperiment {
        var diagnostics: [Diagnostic] = []
        var compiled: CompiledExperiment?
        // Several checks and the input shape below ask for the data's shape: a large CSV is read once.
        let compiler = compiler.probingOnce()
        do {
            let experiment = try compiler.compile(bytes, source: source, overrides: overrides)
            compiled = CompiledExperiment(experiment: experiment, sourceBytes: bytes,
                                          inputShape: compiler.shape(of: experiment.data.dataset), sourcePath: source)
        } catch {
            diagnostics = error.diagnostics
        }
        diagnostics += sweepSectionDiagnostics(bytes, source: source)
        guard let compiled, diagnostics.isEmpty else {
            throw .experiment(Diagnostic.sorted(diagnostics, sources: [source] + overrides.map { "--set \($0)" }))
        }
        return compiled
    }

    /// The compiler every command uses: an IDX folder's shape comes from its headers; when they cannot
    /// be read, the loader's reason (`PATH: error: MESSAGE`) becomes `PATH: MESSAGE` at `dataset:`.
    /// For a saved run's resolved.json: no data file is read (evaluate and predict never need the training data),
    /// and its canonical text does not depend on the probes.
    static let savedRunCompiler = Compiler()

    public static let compiler = Compiler(idxFolderShape: { path in
        do throws(DatasetError) {
            let shape = try DatasetCatalog.folder(path).sizes()
            return .shape(DatasetShape(sampleShape: shape.sampleShape, classes: shape.classCount), trainingRows: shape.trainCount)
        } catch {
            return .unusable(error.description.replacingOccurrences(of: ": error: ", with: ": ", options: [], range: nil))
        }
    }, csvProbe: CSVInspection.probe)

    /// A `sweep:` section is checked with the rest of the file, so a mistake in it shows before any run.
    static func sweepSectionDiagnostics(_ bytes: [UInt8], source: String) -> [Diagnostic] {
        guard let root = try? Parser().parse(bytes, source: source) else { return [] }
        do {
            return try SweepSpec(section: root)?.check() ?? []
        } catch {
            return error.diagnostics
        }
    }

    /// The whole file; the OS's reason when it cannot be read (missing, a folder, no permission).
    public static func read(_ path: String) throws(RunnerFailure) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw .usage("cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes += chunk[..<n]
            if n < chunk.count {
                if ferror(file) != 0 { throw .usage("cannot read '\(path)': \(String(cString: strerror(errno)))") }
                return bytes
            }
        }
    }
}
