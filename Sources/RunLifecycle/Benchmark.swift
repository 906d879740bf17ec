import ExperimentCompiler
import Foundation
import ModelKinds
import NeuralNetwork
import Training

/// `runner bench`: on the model's own shapes, the rate of the engine's products (tiled on the worker pool,
/// OpenBLAS single-threaded in each tile) and of OpenBLAS' own multi-threaded sgemm on as many threads, then
/// the experiment timed in the same process: data load, seconds per epoch, the achieved GFLOP/s as a share of
/// both rates, peak RSS. The three are measured back to back, so on a loaded machine their ratios still hold.
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
        let products = MatrixProducts(experiment.model.layers, input: trainer.model.inputShape, batchSize: experiment.fit.batchSize)
        let threads = WorkerPool.shared.threadCount
        let (engineRate, openBLASRate) = Self.productRates(products, threads: threads)

        let waitedBefore = Self.secondsWaitedForACore()
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
        // Clamped at 0: the two readings round separately, and one thread's delay printed as -0.00 s.
        let waited = Self.secondsWaitedForACore().flatMap { after in waitedBefore.map { max(0, after - $0) } }
        let perEpoch = Self.median(stepSeconds.count > 1 ? Array(stepSeconds.dropFirst()) : stepSeconds)
        let perEpochWithValidation = Self.median(epochSeconds.count > 1 ? Array(epochSeconds.dropFirst()) : epochSeconds)
        let epochGFLOP = products.flopsPerSample * Double(sources.train.count) / 1e9
        let achieved = epochGFLOP / perEpoch
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let environment = ProcessInfo.processInfo.environment
        let lines = [
            "kernel family:           \(BLAS.coreName) (OPENBLAS_CORETYPE=\(environment["OPENBLAS_CORETYPE"] ?? "unset")), "
                + "\(threads) thread\(threads == 1 ? "" : "s") (OPENBLAS_NUM_THREADS=\(environment["OPENBLAS_NUM_THREADS"] ?? "unset"))",
            String(format: "engine products:         %.1f GFLOP/s on the model's shapes (tiled or chunked as the layers run, same bits on any thread count)", engineRate),
            String(format: "OpenBLAS' own:           %.1f GFLOP/s on %d thread", openBLASRate, threads)
                + (threads == 1 ? "" : "s") + String(format: " (engine products = %.0f%% of it)", engineRate / openBLASRate * 100),
            String(format: "data load:               %.3f s", loadSeconds),
            String(format: "work per epoch:          %.1f GFLOP (train steps)", epochGFLOP),
            String(format: "seconds per epoch:       %.3f s train steps, %.3f s with validation (median of epochs 2-%d)",
                   perEpoch, perEpochWithValidation, fit.epochs),
            String(format: "achieved:                %.1f GFLOP/s = %.0f%% of the engine's product rate (%.0f%% of OpenBLAS' own)",
                   achieved, achieved / engineRate * 100, achieved / openBLASRate * 100),
            String(format: "fit total:               %.2f s for %d epochs", fitSeconds, fit.epochs),
        ] + (waited.map { [String(format: "waited for a core:       %.2f s (threads runnable while others held the cores, summed over %d thread", $0, threads)
            + (threads == 1 ? ")" : "s)")] } ?? []) + [
            String(format: "peak RSS:                %.0f MB", Double(usage.ru_maxrss) / 1024),
        ]
        return lines
    }

    /// The engine's tiled products and OpenBLAS' own `threads`-thread sgemm on every shape, interleaved in
    /// three rounds of 0.1 s each and the best round of each kept: on a machine others are loading, a
    /// burst of their work then lowers neither rate alone.
    static func productRates(_ products: MatrixProducts, threads: Int) -> (engine: Double, openBLAS: Double) {
        var engine: [Double] = Array(repeating: 0, count: products.shapes.count), own = engine
        for _ in 0..<3 {
            for (index, shape) in products.shapes.enumerated() {
                let rate = if let rows = shape.rowsPerTask {
                    BLAS.measureChunkedGFLOPS(m: shape.m, n: shape.n, k: shape.k, transposeA: shape.transposeA,
                                              transposeB: shape.transposeB, rowsPerTask: rows, minimumSeconds: 0.1)
                } else {
                    BLAS.measureTiledGFLOPS(m: shape.m, n: shape.n, k: shape.k, transposeA: shape.transposeA,
                                            transposeB: shape.transposeB, minimumSeconds: 0.1)
                }
                engine[index] = max(engine[index], rate)
                own[index] = max(own[index], BLAS.withOpenBLASThreads(threads) {
                    BLAS.measureSgemmGFLOPS(m: shape.m, n: shape.n, k: shape.k, transposeA: shape.transposeA,
                                            transposeB: shape.transposeB, minimumSeconds: 0.1)
                })
            }
        }
        let indices = Array(products.shapes.indices)
        return (products.rate(indices.map { engine[$0] }), products.rate(indices.map { own[$0] }))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// The matrix products one training step makes, from the compiler's per-layer product shapes
/// (`LayerSpec.shape`): for each dense or conv layer the forward product, the weight gradient, and the input
/// gradient for every layer but the first (nobody needs the data's gradient). A dense layer's are over the
/// batch's rows, cut by the engine into column tiles; a convolution's over every position of the batch
/// (`batch x positions` rows), cut into chunks of `SampleChunks.perTask` samples.
struct MatrixProducts {
    struct Shape {
        var m, n, k: Int
        var transposeA = false, transposeB = false
        /// Multiply-adds count two flops; per training sample.
        var flopsPerSample: Double
        /// A convolution's rows per pool task (its chunk of samples' positions); nil for column tiles.
        var rowsPerTask: Int? = nil
    }

    let shapes: [Shape]

    init(_ layers: [LayerSpec], input: TensorShape, batchSize: Int) {
        var shapes: [Shape] = []
        for (index, layer) in layers.shapes(input: input).layers.enumerated() {
            for product in layer.products {
                let rows = batchSize * product.m, flops = 2.0 * Double(product.m * product.n * product.k)
                let chunk = product.m == 1 ? nil : Optional(SampleChunks.perTask * product.m)
                shapes.append(Shape(m: rows, n: product.n, k: product.k, flopsPerSample: flops, rowsPerTask: chunk))
                shapes.append(Shape(m: product.k, n: product.n, k: rows, transposeA: true, flopsPerSample: flops, rowsPerTask: chunk))
                if index > 0 {
                    shapes.append(Shape(m: rows, n: product.k, k: product.n, transposeB: true, flopsPerSample: flops, rowsPerTask: chunk))
                }
            }
        }
        self.shapes = shapes
    }

    var flopsPerSample: Double { shapes.reduce(0) { $0 + $1.flopsPerSample } }

    /// The rate of one step's products together from each shape's rate (GFLOP/s, in `shapes` order): total
    /// flops over the sum of each shape's time.
    func rate(_ rates: [Double]) -> Double {
        let seconds = zip(shapes, rates).reduce(0.0) { $0 + $1.0.flopsPerSample / ($1.1 * 1e9) }
        return flopsPerSample / seconds / 1e9
    }
}
