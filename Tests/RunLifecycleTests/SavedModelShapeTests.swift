import Foundation
import RunLifecycle
import RunStore
import TestSupport
import XCTest

/// Where resolved.json alone does not tell the inputs (an IDX folder, a CSV), the first kernel's rows are the model's
/// width: a file edited to other rows, or with its dimensions swapped, is still named as the model file's fault.
final class SavedModelShapeTests: XCTestCase {
    let retrain = "run the experiment again with --force to write it again"

    /// Rewrites the run's model with `kernel` in place of `dense.kernel`, keeping every other tensor and the metadata.
    func replaceFirstKernel(in folder: String, shape: [Int]) throws {
        let path = folder + "/model.safetensors"
        let file = try SafeTensors.read(path: path)
        let values = (0..<shape.reduce(1, *)).map { Float($0) / 100 }
        let tensors = file.tensors.map { $0.name == "dense.kernel" ? SafeTensors.Tensor(name: $0.name, shape: shape, values: values) : $0 }
        try Data(SafeTensors(tensors: tensors, metadata: file.metadata).encoded()).write(to: URL(fileURLWithPath: path))
    }

    func testOtherRowsOrSwappedDimensionsOfTheFirstKernelAreTheModelFilesFault() throws {
        let fixture = LifecycleFixture()
        let folder = try fixture.train()  // 16 inputs -> 4 -> 10
        try replaceFirstKernel(in: folder, shape: [17, 4])
        XCTAssertThrowsError(try SavedModel(folder: folder).evaluate()) { error in
            XCTAssertEqual((error as? RunnerFailure)?.message, "\(folder)/model.safetensors: error: does not fit the run's model: "
                + "'dense.kernel' has 17 rows, the run's dataset has 16 features per sample; \(retrain)")
        }
        try replaceFirstKernel(in: folder, shape: [4, 16])
        XCTAssertThrowsError(try SavedModel(folder: folder)) { error in
            XCTAssertEqual((error as? RunnerFailure)?.message, "\(folder)/model.safetensors: error: does not fit the run's model: "
                + "'dense.kernel' has shape [4, 16], the model's is [inputs, 4]; \(retrain)")
        }
        try replaceFirstKernel(in: folder, shape: [16, 4])
        XCTAssertNoThrow(try SavedModel(folder: folder).evaluate(), "the right shape loads again")
    }
}
