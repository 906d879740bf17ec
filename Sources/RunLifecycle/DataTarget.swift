import Datasets
import ExperimentCompiler
import Training

/// How NAME becomes a loaded dataset; every mistake is a usage error (status 2).
public enum DataTarget {
    /// The dataset NAME names: a built-in name, a folder of IDX files, or an experiment file's dataset.
    public static func load(_ name: String) throws(RunnerFailure) -> LoadedDataset {
        do {
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let compiled = try CompileStep.compile(try CompileStep.read(name), source: name, overrides: [])
                return try ModelBuilder(compiled.experiment).loadDataset()
            }
            if let known = DatasetCatalog.named(name) { return try LoadedDataset.load(known) }
            if name.lowercased().hasSuffix(".csv") {
                throw RunnerFailure.usage("'\(name)' is a CSV file: a CSV dataset needs its label column and test split, which an experiment file declares; give the experiment file instead (runner data show EXP.yaml)")
            }
            guard name.contains("/") || DataSearch.process().isFolder(name) else {
                let names = DatasetCatalog.names
                let hint = Suggestion.closest(to: name, among: names).map { "did you mean '\($0)'? " } ?? ""
                throw RunnerFailure.usage("unknown dataset '\(name)'; \(hint)NAME is \(names.joined(separator: ", ")), a folder of IDX files, or an experiment file")
            }
            return try LoadedDataset.load(DatasetCatalog.folder(name))
        } catch let failure as RunnerFailure {
            throw failure
        } catch let error as DatasetError {
            throw .located(error.description)
        } catch {
            throw .usage("\(error)")
        }
    }
}
