import NeuralNetwork
import XCTest
import ModelKinds

final class SequentialWeightsTests: XCTestCase {
    func model(seed: UInt64) throws -> Sequential {
        try Sequential(inputWidth: 3, layers: [.dense(DenseSpec(units: 4, activation: .relu)),
                                               .dropout(DropoutSpec(rate: 0.5, seed: nil)),
                                               .dense(DenseSpec(units: 2, activation: .softmax, useBias: false))], seed: seed)
    }

    func testNamesAndShapesFollowKerasKernelsInByOut() throws {
        let tensors = try model(seed: 1).weightTensors
        XCTAssertEqual(tensors.map(\.name), ["dense.kernel", "dense.bias", "dense_1.kernel"])
        XCTAssertEqual(tensors.map(\.shape), [[3, 4], [4], [4, 2]])
    }

    func testLoadingAnotherModelsWeightsGivesItsPredictions() throws {
        let (a, b) = (try model(seed: 1), try model(seed: 2))
        let x: [Float] = [0.1, -0.5, 2, 1, 1, 1]
        XCTAssertNotEqual(a.predict(x, rows: 2, batchSize: 1), b.predict(x, rows: 2, batchSize: 1))
        try b.load(a.weightTensors)
        XCTAssertEqual(a.predict(x, rows: 2, batchSize: 2), b.predict(x, rows: 2, batchSize: 2))
        XCTAssertEqual(b.weightTensors, a.weightTensors)
    }

    func testAMismatchChangesNothingAndSaysWhat() throws {
        let m = try model(seed: 1)
        let before = m.weightTensors
        var tensors = before
        tensors[2].shape = [2, 4]
        XCTAssertThrowsError(try m.load(tensors)) {
            XCTAssertEqual("\($0)", "'dense_1.kernel' has shape [2, 4], the model's is [4, 2]")
        }
        XCTAssertThrowsError(try m.load(Array(before.dropLast()))) { XCTAssertEqual("\($0)", "it has no tensor 'dense_1.kernel'") }
        XCTAssertThrowsError(try m.load(before + [WeightTensor(name: "dense_2.bias", shape: [1], values: [0])])) {
            XCTAssertEqual("\($0)", "the model has no weight 'dense_2.bias'")
        }
        XCTAssertEqual(m.weightTensors, before)
    }
}
