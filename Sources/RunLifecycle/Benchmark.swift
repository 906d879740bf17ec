import ExperimentCompiler
import Foundation
import NeuralNetwork
import Training

/// `runner bench`: this machine's sgemm rate on the model's own shapes, then the experiment timed in the same
/// process: data load, seconds per epoch, the achieved GFLOP/s as a share of the sgemm rate, peak RSS.
public struct Benchmark {
    public var experiment: Experiment

    public init(_ experiment: Experiment) { self.experiment = experiment }

    /// Loads the data, measures sgemm on the model's shapes, trains, and returns the figures as lines.
    public func run() throws(RunnerFailure) -> [String] {
        let loadStart = ContinuousClock.now
        let prepared = try PreparedRun(experiment)
        // Includes initialising the network: a few milliseconds next to decompressing and hashing the data.
        let loadSeconds = loadStart.secondsSince
        let (sources, trainer) = (prepared.sources, prepared.trainer)
        let widths = [trainer.model.inputWidth] + trainer.model.specs.map(\.units)
        let products = MatrixProducts(widths: widths, batchSize: experiment.fit.batchSize)
        let sgemmSecondsPerSample = products.shapes.reduce(0.0) { total, shape in
            let rate = BLAS.measureSgemmGFLOPS(m: shape.m, n: shape.n, k: shape.k, transposeA: shape.transposeA,
                                               transposeB: shape.transposeB, minimumSeconds: 0.3)
            return total + shape.flopsPerSample / (rate * 1e9)
        }
        let sgemmRate = products.flopsPerSample / sgemmSecondsPerSample / 1e9

        var stepSeconds: [Double] = []
        var epochSeconds: [Double] = []
        var lastElapsed = 0.0
        let fitStart = ContinuousClock.now
        let fit = experiment.fit
        do {
            _ = try trainer.fit(sources.train, validation: sources.validation, epochs: fit.epochs,
                                shuffle: fit.shuffle, seed: experiment.seed) { event in
                switch event {
                case .batchFinished(_, _, _, let elapsed): lastElapsed = elapsed
                case .epochFinished(_, _, let seconds):
                    stepSeconds.append(lastElapsed)
                    epochSeconds.append(seconds)
                default: break
                }
            }
        } catch {
            throw .runFailed("the benchmark's run stopped: \(error)")
        }
        let fitSeconds = fitStart.secondsSince
        let perEpoch = Self.median(stepSeconds.count > 1 ? Array(stepSeconds.dropFirst()) : stepSeconds)
        let perEpochWithValidation = Self.median(epochSeconds.count > 1 ? Array(epochSeconds.dropFirst()) : epochSeconds)
        let epochGFLOP = products.flopsPerSample * Double(sources.train.count) / 1e9
        let achieved = epochGFLOP / perEpoch
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let lines = [
            "openblas core:          \(BLAS.coreName) (OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "unset"))",
            String(format: "sgemm rate, model shapes: %.1f GFLOP/s", sgemmRate),
            String(format: "data load:               %.3f s", loadSeconds),
            String(format: "work per epoch:          %.1f GFLOP (train steps)", epochGFLOP),
            String(format: "seconds per epoch:       %.3f s train steps, %.3f s with validation (median of epochs 2-%d)",
                   perEpoch, perEpochWithValidation, fit.epochs),
            String(format: "achieved:                %.1f GFLOP/s = %.0f%% of the sgemm rate", achieved, achieved / sgemmRate * 100),
            String(format: "fit total:               %.2f s for %d epochs", fitSeconds, fit.epochs),
            String(format: "peak RSS:                %.0f MB", Double(usage.ru_maxrss) / 1024),
        ]
        return lines
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// The matrix products one training step of a dense stack makes: forward, weight gradient, and input
/// gradient for every layer but the first (nobody needs the data's gradient).
struct MatrixProducts {
    struct Shape {
        var m, n, k: Int
        var transposeA = false, transposeB = false
        /// Multiply-adds count two flops; per training sample.
        var flopsPerSample: Double
    }

    let shapes: [Shape]

    init(widths: [Int], batchSize: Int) {
        var shapes: [Shape] = []
        for (layer, (input, output)) in zip(widths, widths.dropFirst()).enumerated() {
            let flops = 2.0 * Double(input * output)
            shapes.append(Shape(m: batchSize, n: output, k: input, flopsPerSample: flops))
            shapes.append(Shape(m: input, n: output, k: batchSize, transposeA: true, flopsPerSample: flops))
            if layer > 0 { shapes.append(Shape(m: batchSize, n: input, k: output, transposeB: true, flopsPerSample: flops)) }
        }
        self.shapes = shapes
    }

    var flopsPerSample: Double { shapes.reduce(0) { $0 + $1.flopsPerSample } }
}
