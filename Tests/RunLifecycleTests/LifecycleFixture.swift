import Foundation
import RunLifecycle
import TestSupport
import XCTest

/// A tiny experiment compiled in process (its data under an absolute path, so no test depends on the
/// working directory) and a results root, both removed with the value.
final class LifecycleFixture {
    let folder = TemporaryDirectory("runner-lifecycle")

    init() {
        TinyIDXDataset.write(into: folder)
    }

    var results: String { folder.path + "/results" }

    func experimentText(epochs: Int = 2, preprocess: String = "{flatten: true, scale: 255}", dataset: String? = nil) -> String {
        TinyIDXDataset.experiment(epochs: epochs, dataset: dataset ?? "{idx_folder: \(folder.path)/data}", preprocess: preprocess)
    }

    /// The experiment written to a file and compiled as `runner` compiles it.
    func compiled(_ text: String? = nil, overrides: [String] = []) throws -> CompiledExperiment {
        let path = folder.write("tiny.yaml", text ?? experimentText())
        return try CompileStep.run(path, overrides: overrides)
    }

    /// Trains into `results` and returns the run folder.
    func train(_ text: String? = nil, overrides: [String] = []) throws -> String {
        let outcome = try TrainingRun(compiled: compiled(text, overrides: overrides), resultsRoot: results,
                                      overrides: overrides, quiet: true).execute()
        guard case .trained(let folder) = outcome else { XCTFail("not trained: \(outcome)"); return "" }
        return folder
    }

    func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }
}
