import ModelKinds
import YAML

/// Turns an experiment file (plus `--set` overrides) into an `Experiment`, or into every mistake at once.
///
/// The walk reads the node tree directly rather than through Codable, so each mistake keeps its
/// line and column and one mistake does not hide the next.
public struct Compiler: Sendable {
    /// Reads an IDX folder's headers: its feature and class counts, or what is wrong, which becomes a
    /// diagnostic at `dataset:`; `.unknown` skips the shape checks.
    public var idxFolderShape: @Sendable (String) -> IDXFolderProbe
    /// Reads a CSV dataset's file(s): its shape, or what is wrong, which becomes a diagnostic.
    public var csvProbe: @Sendable (CSVDataset) -> CSVProbe

    public init(idxFolderShape: @escaping @Sendable (String) -> IDXFolderProbe = { _ in .unknown },
                csvProbe: @escaping @Sendable (CSVDataset) -> CSVProbe = { _ in .unknown }) {
        self.idxFolderShape = idxFolderShape
        self.csvProbe = csvProbe
    }

    /// Parses `bytes`, applies the `--set` arguments (`PATH=VALUE`, without `--set`) in order, compiles.
    ///
    /// - Throws: every diagnostic, sorted: the file's by line and column, then each override's.
    public func compile(_ bytes: [UInt8], source: String, overrides: [String] = []) throws(CompileFailure) -> Experiment {
        var diagnostics: [Diagnostic] = []
        var parsed: [Override] = []
        for argument in overrides {
            do { parsed.append(try Override(parsing: argument)) } catch { diagnostics.append(error) }
        }
        let root: Node?
        do {
            root = try Parser().parse(bytes, source: source)
        } catch {
            throw CompileFailure(Diagnostic.sorted([Diagnostic(error)] + diagnostics, sources: [source] + overrides.map(Override.source)))
        }
        guard let root else {
            let empty = Diagnostic(Mark(source: source, line: 1, column: 1),
                                   "the experiment file is empty; it needs at least 'name', 'data', 'model' and 'compile' (see experiments/mnist-dense.yaml)")
            throw CompileFailure(Diagnostic.sorted([empty] + diagnostics, sources: [source] + overrides.map(Override.source)))
        }
        var tree = root
        diagnostics += Overrides.apply(parsed, to: &tree)
        let sources = [source] + overrides.map(Override.source)
        return try compile(tree, sources: sources, earlier: diagnostics)
    }

    /// Compiles a tree that is already parsed (and overridden); `sources` orders the diagnostics.
    public func compile(_ root: Node, sources: [String] = [], earlier: [Diagnostic] = []) throws(CompileFailure) -> Experiment {
        var checker = Checker()
        let experiment = self.experiment(root, &checker)
        let all = earlier + checker.diagnostics
        guard all.isEmpty, let experiment else {
            throw CompileFailure(Diagnostic.sorted(all, sources: sources.isEmpty ? [root.mark.source] : sources))
        }
        return experiment
    }

    /// Feature and class counts of the experiment's dataset, if known.
    public func shape(of dataset: Dataset) -> DatasetShape? {
        if case .idxFolder(let path) = dataset {
            if case .shape(let shape, _) = idxFolderShape(path) { return shape }
            return nil
        }
        if case .csv(let csv) = dataset {
            if case .shape(let shape, _) = csvProbe(csv) { return shape }
            return nil
        }
        return Schema.datasets.first { $0.dataset == dataset }?.shape
    }

    private func experiment(_ root: Node, _ c: inout Checker) -> Experiment? {
        guard let pairs = root.mapping else {
            c.error(root.mark, "an experiment must be a mapping of sections (\(Schema.topLevelKeys.joined(separator: ", "))), not \(Checker.describe(root))")
            return nil
        }
        // `sweep:` is read and checked by module Sweeps (`runner sweep`); it stays out of the compiled experiment,
        // whose resolved JSON names the run, so a run is the same run whether or not its file declares a sweep.
        c.checkKeys(pairs.filter { $0.key.scalar?.text != "sweep" }, known: Schema.topLevelKeys, in: nil)
        func section(_ key: String, required: Bool = true) -> Node? {
            c.value(pairs, key, required: required, in: nil, at: root.mark)
        }
        let name = section("name").flatMap { runName($0, &c) }
        let seedNode = section("seed", required: false)
        let seed = seedNode.map { self.seed($0, &c) } ?? 0
        let data = section("data").flatMap { self.data($0, &c) }
        let model = section("model").flatMap { self.model($0, &c) }
        let compile = section("compile").flatMap { self.compile($0, &c) }
        let fitNode = section("fit", required: false)
        let fit = fitNode.map { self.fit($0, metrics: compile?.metrics, &c) } ?? FitSpec()
        checkShapes(root, data: data, model: model, &c)
        checkConsistency(root, data: data, model: model, compile: compile, &c)
        checkValidationRows(root, data: data, fit: fit, &c)
        guard let name, let seed, let data, let model, let compile, let fit else { return nil }
        return Experiment(name: name, seed: seed, data: data, model: model, compile: compile, fit: fit)
    }

    /// One path component under results/: letters, digits, '-', '_', '.'; not '.' or '..', and not hidden (a leading '.').
    private func runName(_ node: Node, _ c: inout Checker) -> String? {
        guard let name = c.string(node, "name") else { return nil }
        if name.isEmpty {
            c.error(node.mark, "'name' is empty; it names the run folder, e.g. mnist-dense")
            return nil
        }
        if name == "." || name == ".." {
            c.error(node.mark, "'name' cannot be '\(name)'; it names a folder under results/, e.g. mnist-dense")
            return nil
        }
        if let bad = name.unicodeScalars.first(where: { !Self.isNameCharacter($0) }) {
            c.error(node.mark, "'name' must be one path component of letters, digits, '-', '_' and '.', not '\(name)' ('\(bad)' is not allowed)")
            return nil
        }
        if name.hasPrefix(".") {
            let visible = name.drop { $0 == "." }
            c.error(node.mark, "'name' cannot start with '.' ('\(name)'): its folder under results/ would be hidden, and compare, "
                + "plot and report skip hidden folders; write it without the dot, e.g. \(visible.isEmpty ? "mnist-dense" : visible)")
            return nil
        }
        return name
    }

    private static func isNameCharacter(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": return true
        default: return false
        }
    }

    /// 0...2^64-1; integers beyond Int.max arrive as text from the YAML layer.
    private func seed(_ node: Node, _ c: inout Checker) -> UInt64? {
        switch node.scalar?.value {
        case .int(let n)? where n >= 0: return UInt64(n)
        case .integerOutOfRange(let text)?:
            if let n = UInt64(text) { return n }
            c.error(node.mark, "'seed' must be between 0 and \(UInt64.max), not \(text)")
        case .int(let n)?:
            c.error(node.mark, "'seed' must be between 0 and \(UInt64.max), not \(n)")
        default:
            c.error(node.mark, "'seed' must be an integer, not \(Checker.describe(node))")
        }
        return nil
    }
}
