import ExperimentCompiler
import Foundation
import ModelKinds
import RunLifecycle
import TestSupport
import XCTest

/// One compile reads a data file once: the compiler's checks (shape, limits, classes, validation rows) and the input
/// shape all ask the probe, and a large CSV's probe reads the whole file (`check` of a 50 MB CSV once took 18.9 s).
final class CompileStepProbeTests: XCTestCase {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func count(_ key: String) { lock.lock(); counts[key, default: 0] += 1; lock.unlock() }
        var all: [String: Int] { lock.lock(); defer { lock.unlock() }; return counts }
    }

    func testACSVAndAnIDXFolderAreEachProbedOncePerCompile() throws {
        let counter = Counter()
        let compiler = Compiler(idxFolderShape: { path in
            counter.count(path)
            return .shape(DatasetShape(features: 16, classes: 10), trainingRows: 64)
        }, csvProbe: { csv in
            counter.count(csv.path)
            return .shape(DatasetShape(features: 16, classes: 10), trainingRows: 64)
        })
        for dataset in ["{csv: big.csv, label: y, test_fraction: 0.1}", "{idx_folder: ./data}"] {
            let text = TinyIDXDataset.experiment(epochs: 1, dataset: dataset).replacingOccurrences(of: "validation: test", with: "validation_split: 0.5")
            let compiled = try CompileStep.compile(Array(text.utf8), source: "x.yaml", overrides: [], compiler: compiler)
            XCTAssertEqual(compiled.inputShape, DatasetShape(features: 16, classes: 10))
        }
        XCTAssertEqual(counter.all, ["big.csv": 1, "./data": 1])
    }
}
