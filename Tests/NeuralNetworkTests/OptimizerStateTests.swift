import XCTest
@testable import NeuralNetwork
import ModelKinds

/// An optimizer's state, taken after some steps and put into a fresh optimizer of the same kind, makes the
/// next steps exactly those of the original: what a resumed run relies on, for every kind and variant.
final class OptimizerStateTests: XCTestCase {
    static let specs: [OptimizerSpec] = [
        .sgd(.init()), .sgd(.init(momentum: 0.9, nesterov: true)), .rmsprop(.init()), .rmsprop(.init(momentum: 0.5, centered: true)),
        .adam(.init()), .adam(.init(amsgrad: true)), .adamw(.init(amsgrad: true)), .adagrad(.init()),
    ]

    func testARestoredOptimizerTakesTheSameStepsBitForBit() {
        let gradients = OptimizerTests.gradients + OptimizerTests.shrinking
        for spec in Self.specs {
            let original = makeOptimizer(spec, parameterCount: 5)
            var w = OptimizerTests.w0
            for g in gradients.prefix(3) { original.step(weights: &w, gradients: g) }
            original.learningRate *= 0.5  // as a schedule would
            let state = original.state
            XCTAssertEqual(state.iterations, 3, "\(spec)")
            let restored = makeOptimizer(spec, parameterCount: 5)
            XCTAssertNoThrow(try restored.restore(state), "\(spec)")
            XCTAssertEqual(restored.state, state, "\(spec)")
            var v = w
            for g in gradients.dropFirst(3) {
                original.step(weights: &w, gradients: g)
                restored.step(weights: &v, gradients: g)
            }
            XCTAssertEqual(w.map(\.bitPattern), v.map(\.bitPattern), "\(spec)")
            XCTAssertEqual(restored.iterations, gradients.count, "\(spec)")
        }
    }

    func testTheSlotsAreNamedAsTheCheckpointStoresThem() {
        let names = Self.specs.map { makeOptimizer($0, parameterCount: 2).state.slots.keys.sorted() }
        XCTAssertEqual(names, [[], ["velocity"], ["velocity"], ["average_gradient", "momentum", "velocity"], ["m", "v"],
                               ["m", "v", "v_max"], ["m", "v", "v_max"], ["accumulator"]])
    }

    func testAStateThatDoesNotFitChangesNothingAndSaysWhy() {
        let adam = makeOptimizer(.adam(.init()), parameterCount: 3)
        var w: [Float] = [1, 2, 3]
        adam.step(weights: &w, gradients: [0.1, 0.2, 0.3])
        let before = adam.state
        let rmsprop = makeOptimizer(.rmsprop(.init()), parameterCount: 3).state
        XCTAssertThrowsError(try adam.restore(rmsprop)) { error in
            XCTAssertEqual("\(error)", "its optimizer slots are [velocity], the optimizer's are [m, v]")
        }
        var short = before
        short.slots["v"] = [0, 0]
        XCTAssertThrowsError(try adam.restore(short)) { error in
            XCTAssertEqual("\(error)", "its optimizer slot 'v' holds 2 values, the model has 3 parameters")
        }
        XCTAssertEqual(adam.state, before)
    }
}
