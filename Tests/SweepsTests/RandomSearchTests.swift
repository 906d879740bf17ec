import ExperimentCompiler
import Sweeps
import XCTest

/// Random draws: in range, rounded for readable labels, the same for the same seed.
final class RandomSearchTests: XCTestCase {
    let specs = ["compile.optimizer.learning_rate=loguniform(1e-4,1e-1)", "compile.optimizer.beta_1=uniform(0.5, 0.9)",
                 "fit.batch_size=choice(32,64,128)"]

    func testSameSeedSameDrawsOtherSeedOtherDraws() throws {
        for seed: UInt64 in [0, 1, 42, .max] {
            let a = try plan(random: specs, trials: 6, seed: seed).runs.map(\.overrides)
            let b = try plan(random: specs, trials: 6, seed: seed).runs.map(\.overrides)
            XCTAssertEqual(a, b, "seed \(seed)")
            XCTAssertNotEqual(a, try plan(random: specs, trials: 6, seed: seed &+ 1).runs.map(\.overrides), "seed \(seed)")
        }
    }

    func testDrawsStayInRangeWithFourSignificantDigits() throws {
        for seed: UInt64 in 0..<20 {
            let runs = try plan(random: specs, trials: 10, seed: seed).runs
            XCTAssertEqual(runs.count, 10, "seed \(seed)")
            for run in runs {
                let lr = learningRate(run.experiment)
                XCTAssertTrue((1e-4...1e-1).contains(lr), "seed \(seed): learning rate \(lr)")
                XCTAssertEqual(Double(String(format: "%.4g", lr)), lr, "seed \(seed)")
                XCTAssertTrue([32, 64, 128].contains(run.experiment.fit.batchSize), "seed \(seed)")
                let beta = run.point.assignments[1].value.text
                XCTAssertTrue((0.5...0.9).contains(Double(beta)!), "seed \(seed): beta_1 \(beta)")
            }
        }
    }

    func testLogUniformCoversEveryDecade() throws {
        let runs = try plan(random: ["compile.optimizer.learning_rate=loguniform(1e-4,1e-1)"], trials: 300).runs
        let decades = Set(runs.map { Int(floor(log10(learningRate($0.experiment)))) })
        XCTAssertEqual(decades, [-4, -3, -2])
    }

    func testEveryTrialRunsAtEveryGridPoint() throws {
        let spec = try SweepSpec(gridArguments: ["fit.epochs=1,2"], randomArguments: ["compile.optimizer.learning_rate=loguniform(1e-4,1e-1)"],
                                 trials: 3, seed: nil)
        var generator = TestGenerator(state: 5)
        let points = spec.points(using: &generator).map(\.overrides)
        XCTAssertEqual(points.count, 6)
        XCTAssertEqual(points.map { $0[0] }, ["fit.epochs=1", "fit.epochs=2", "fit.epochs=1", "fit.epochs=2", "fit.epochs=1", "fit.epochs=2"])
        let rates = points.map { $0[1] }
        XCTAssertEqual([rates[0], rates[2], rates[4]], [rates[1], rates[3], rates[5]])
        XCTAssertEqual(Set([rates[0], rates[2], rates[4]]).count, 3, "\(rates)")
    }
}
