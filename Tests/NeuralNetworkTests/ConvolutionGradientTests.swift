import XCTest
import SeededRandom
import TestSupport
@testable import NeuralNetwork
import ModelKinds

/// Double buffers for the image layers' generic passes: the very kernels the engine runs in Float.
func randomDoubles(_ count: Int, seed: UInt64, stream: UInt64) -> [Double] {
    var random = SeededRandom(seed: seed, streamNumber: stream)
    return (0..<count).map { _ in 2 * random.unitDouble() - 1 }
}

/// Central differences in Double against the convolution's and pooling's backward passes, through
/// `L = sum(Y * dout)` with a random `dout`, on odd sizes, both paddings and strides above 1. In Double,
/// h = 1e-5 leaves truncation near h^2 = 1e-10 and rounding near 1e-16 / h = 1e-11: 1e-7 sits far above
/// both and far below any real mistake (a wrong index moves a gradient by O(1)).
final class ConvolutionGradientTests: XCTestCase {
    let step = 1e-5, tolerance = 1e-7

    /// rows samples of `input` through a Conv2D pass; checks dK, db and dX.
    func checkConv(input: TensorShape, spec: Conv2DSpec, rows: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let g = try XCTUnwrap(WindowGeometry(input: input, window: spec.kernelSize, strides: spec.strides, padding: spec.padding))
        let f = spec.filters, k = g.rowLength, outputs = rows * g.positions * f
        var x = randomDoubles(rows * g.inputCount, seed: 1, stream: 1)
        var kernel = randomDoubles(k * f, seed: 1, stream: 2)
        var bias = randomDoubles(f, seed: 1, stream: 3)
        let dout = randomDoubles(outputs, seed: 1, stream: 4)
        var cols = [Double](repeating: 0, count: rows * g.positions * k)
        var partials = [Double](repeating: 0, count: SampleChunks(rows: rows).count * (k * f + f))
        var z = [Double](repeating: 0, count: outputs), y = z, dz = z
        var dKernel = kernel, dBias = bias, dx = x

        func withPass<R>(_ body: (Conv2DPass<Double>) -> R) -> R {
            kernel.withUnsafeBufferPointer { kp in bias.withUnsafeBufferPointer { bp in
                cols.withUnsafeMutableBufferPointer { cp in partials.withUnsafeMutableBufferPointer { pp in
                    body(Conv2DPass(geometry: g, filters: f, activation: spec.activation, kernel: kp.baseAddress!,
                                    bias: spec.useBias ? bp.baseAddress! : nil, cols: cp.baseAddress!, partials: pp.baseAddress!))
                } }
            } }
        }
        func loss() -> Double {
            withPass { pass in pass.forward(x, rows: rows, z: &z, y: &y) }
            return zip(y, dout).reduce(0) { $0 + $1.0 * $1.1 }
        }
        _ = loss()
        dz = dout
        withPass { pass in
            pass.backward(rows: rows, z: z, y: y, dz: &dz, gradientIsPreActivation: false,
                          dKernel: &dKernel, dBias: &dBias, dx: &dx)
        }
        let label = "\(input) \(spec.kernelSize) strides \(spec.strides) \(spec.padding) rows \(rows)"
        let numericKernel = GradientCheck.centralDifferences(count: kernel.count, step: step, nudge: { kernel[$0] += $1 }, loss: loss)
        XCTAssertEqual(GradientCheck.mismatches(analytic: dKernel, numeric: numericKernel, tolerance: tolerance).map(\.description), [],
                       "kernel, \(label)", file: file, line: line)
        if spec.useBias {
            let numericBias = GradientCheck.centralDifferences(count: f, step: step, nudge: { bias[$0] += $1 }, loss: loss)
            XCTAssertEqual(GradientCheck.mismatches(analytic: dBias, numeric: numericBias, tolerance: tolerance).map(\.description), [],
                           "bias, \(label)", file: file, line: line)
        }
        let numericInput = GradientCheck.centralDifferences(count: x.count, step: step, nudge: { x[$0] += $1 }, loss: loss)
        XCTAssertEqual(GradientCheck.mismatches(analytic: dx, numeric: numericInput, tolerance: tolerance).map(\.description), [],
                       "input, \(label)", file: file, line: line)
    }

    func testConvolutionGradientsValidAndSame() throws {
        // 3 samples in one chunk; then 10 samples over two chunks, so the partials are added.
        try checkConv(input: .image(height: 5, width: 6, channels: 2),
                      spec: Conv2DSpec(filters: 3, kernelSize: Size2D(3, 3), activation: .tanh), rows: 3)
        try checkConv(input: .image(height: 5, width: 7, channels: 2),
                      spec: Conv2DSpec(filters: 3, kernelSize: Size2D(3, 2), strides: .square(2), padding: .same, activation: .tanh), rows: 10)
        // An even kernel with same padding: the odd cell of padding goes after (Keras, TensorFlow).
        try checkConv(input: .image(height: 4, width: 5, channels: 1),
                      spec: Conv2DSpec(filters: 2, kernelSize: Size2D(2, 2), strides: Size2D(2, 1), padding: .same, useBias: false), rows: 2)
        try checkConv(input: .image(height: 7, width: 5, channels: 3),
                      spec: Conv2DSpec(filters: 4, kernelSize: Size2D(3, 1), strides: Size2D(2, 3), activation: .sigmoid), rows: 9)
    }

    /// A 1x1 input and one 3x3 kernel with same padding: only the kernel's centre touches the input, so the
    /// output is `x * K[1, 1] + b`, worked out by hand.
    func testSamePaddingPlacesTheInputAtTheKernelCentre() throws {
        let g = try XCTUnwrap(WindowGeometry(input: .image(height: 1, width: 1, channels: 1), window: .square(3), strides: .square(1), padding: .same))
        XCTAssertEqual([g.outHeight, g.outWidth, g.padTop, g.padLeft], [1, 1, 1, 1])
        let kernel: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9], bias: [Double] = [0.5]
        var cols = [Double](repeating: 0, count: 9), partials = [Double](repeating: 0, count: 10)
        var z: [Double] = [0], y: [Double] = [0]
        cols.withUnsafeMutableBufferPointer { cp in partials.withUnsafeMutableBufferPointer { pp in
            Conv2DPass(geometry: g, filters: 1, activation: .linear, kernel: kernel, bias: bias,
                       cols: cp.baseAddress!, partials: pp.baseAddress!).forward([2], rows: 1, z: &z, y: &y)
        } }
        XCTAssertEqual(cols, [0, 0, 0, 0, 2, 0, 0, 0, 0])
        XCTAssertEqual(y, [2 * 5 + 0.5])
    }

    func checkPooling(input: TensorShape, spec: Pooling2DSpec, mode: Pooling2D.Mode, rows: Int,
                      file: StaticString = #filePath, line: UInt = #line) throws {
        let layer = try XCTUnwrap(Pooling2D(input: input, spec: spec, mode: mode))
        let outputs = rows * layer.outputWidth
        var x = randomDoubles(rows * layer.inputWidth, seed: 2, stream: 1)
        let dout = randomDoubles(outputs, seed: 2, stream: 2)
        var y = [Double](repeating: 0, count: outputs), dx = x
        let pass = Pooling2DPass(geometry: layer.geometry, mode: mode)
        var picks = [Int32](repeating: 0, count: outputs)
        func loss() -> Double {
            pass.forward(x, rows: rows, y: &y, picks: &picks)
            return zip(y, dout).reduce(0) { $0 + $1.0 * $1.1 }
        }
        _ = loss()
        pass.backward(dy: dout, rows: rows, dx: &dx, picks: picks)
        let numeric = GradientCheck.centralDifferences(count: x.count, step: step, nudge: { x[$0] += $1 }, loss: loss)
        XCTAssertEqual(GradientCheck.mismatches(analytic: dx, numeric: numeric, tolerance: tolerance).map(\.description), [],
                       "\(mode) \(input) \(spec)", file: file, line: line)
    }

    func testPoolingGradients() throws {
        for mode: Pooling2D.Mode in [.max, .average] {
            try checkPooling(input: .image(height: 5, width: 5, channels: 2), spec: Pooling2DSpec(), mode: mode, rows: 3)
            try checkPooling(input: .image(height: 5, width: 7, channels: 3),
                             spec: Pooling2DSpec(poolSize: .square(3), strides: Size2D(2, 1), padding: .same), mode: mode, rows: 10)
            // Overlapping windows (stride 1 under a 2x2 pool): a value may be picked by several outputs.
            // (Random inputs have no ties: a tie sends the gradient to the window's first maximum.)
            try checkPooling(input: .image(height: 4, width: 3, channels: 1),
                             spec: Pooling2DSpec(poolSize: .square(2), strides: .square(1)), mode: mode, rows: 2)
        }
    }

    /// Same-padded average pooling divides by the cells inside the image, as TensorFlow's avg_pool.
    func testAveragePoolingWithSamePaddingCountsOnlyCellsInside() throws {
        let layer = try XCTUnwrap(Pooling2D(input: .image(height: 3, width: 3, channels: 1),
                                            spec: Pooling2DSpec(poolSize: .square(2), padding: .same), mode: .average))
        var y = [Double](repeating: 0, count: 4)
        // Output (2, 2): windows over rows {0,1}, {2} and columns {0,1}, {2}.
        Pooling2DPass(geometry: layer.geometry, mode: .average).forward([1, 2, 3, 4, 5, 6, 7, 8, 9] as [Double], rows: 1, y: &y, picks: nil)
        let expected: [Double] = [12.0 / 4, 9.0 / 2, 15.0 / 2, 9]  // (1+2+4+5)/4, (3+6)/2, (7+8)/2, 9
        XCTAssertEqual(y, expected)
    }

    /// Ties (zeros after a relu are common) send the gradient to the window's first maximum, row by row.
    func testMaxPoolingTiesGoToTheFirstMaximum() throws {
        let layer = try XCTUnwrap(Pooling2D(input: .image(height: 2, width: 2, channels: 2), spec: Pooling2DSpec(), mode: .max))
        let pass = Pooling2DPass(geometry: layer.geometry, mode: .max)
        let x: [Double] = [0, 1, 0, 3, 0, 3, 0, 2]  // channel 0: all 0; channel 1: 1, 3, 3, 2
        var y: [Double] = [0, 0], dx = x, picks: [Int32] = [0, 0]
        pass.forward(x, rows: 1, y: &y, picks: &picks)
        XCTAssertEqual(y, [0, 3])
        XCTAssertEqual(picks, [0, 3])
        pass.backward(dy: [5, 7], rows: 1, dx: &dx, picks: picks)
        XCTAssertEqual(dx, [5, 0, 0, 7, 0, 0, 0, 0])
    }

    /// im2col for Float copies whole-window rows as blocks (in CKernels when every window is inside, up to
    /// four floats as one four-float store whose spill is overwritten after), longer runs in vectors; col2im adds whole windows the same
    /// way. im2col must equal the Double path value for value (and col2im agree to rounding), on one-channel
    /// images (blocks of 3), blocks of exactly 4 and longer ones, with valid and same padding and strides
    /// above 1, up to the buffer's end (where the spill must not reach: the buffer starts as NaN).
    func testFloatIm2colAndCol2imMatchTheDoublePath() throws {
        for (input, window, strides, padding) in [
            (TensorShape.image(height: 7, width: 6, channels: 1), Size2D.square(3), Size2D.square(1), Padding.valid),
            (TensorShape.image(height: 5, width: 5, channels: 2), Size2D.square(2), Size2D(2, 1), Padding.same),
            (TensorShape.image(height: 6, width: 7, channels: 12), Size2D(3, 2), Size2D.square(1), Padding.same),
            (TensorShape.image(height: 4, width: 4, channels: 1), Size2D.square(3), Size2D.square(2), Padding.same),
            (TensorShape.image(height: 7, width: 8, channels: 12), Size2D(3, 2), Size2D(2, 3), Padding.valid),
            (TensorShape.image(height: 3, width: 3, channels: 1), Size2D.square(3), Size2D.square(1), Padding.valid),
        ] {
            let g = try XCTUnwrap(WindowGeometry(input: input, window: window, strides: strides, padding: padding))
            let x = randomDoubles(g.inputCount, seed: 9, stream: 1)
            var colsDouble = [Double](repeating: 0, count: g.positions * g.rowLength)
            var colsFloat = [Float](repeating: .nan, count: colsDouble.count)
            x.withUnsafeBufferPointer { g.im2col($0.baseAddress!, into: &colsDouble) }
            x.map(Float.init).withUnsafeBufferPointer { g.im2col($0.baseAddress!, into: &colsFloat) }
            XCTAssertEqual(colsFloat, colsDouble.map(Float.init), "im2col \(input) \(window) \(strides) \(padding)")
            var dxDouble = [Double](repeating: .nan, count: g.inputCount), dxFloat = [Float](repeating: .nan, count: g.inputCount)
            colsDouble.withUnsafeBufferPointer { g.col2im($0.baseAddress!, into: &dxDouble) }
            colsFloat.withUnsafeBufferPointer { g.col2im($0.baseAddress!, into: &dxFloat) }
            // Up to nine copies of a value added in Float round where Double does not: within 1e-6 relative.
            for (a, b) in zip(dxFloat, dxDouble) {
                XCTAssertEqual(Double(a), b, accuracy: 1e-6 * max(1, abs(b)), "col2im \(input) \(window) \(strides) \(padding)")
            }
        }
    }

    /// A convolution's input gradient is computed a piece of a chunk at a time (`SampleChunks.pieces`); on these
    /// shapes it must be, bit for bit, one product `dZ Kᵀ` over the whole batch and col2im sample by sample
    /// (a piece that lands on the wrong samples fails it). 37 samples: two whole
    /// chunks and a short one, whose last piece holds one sample.
    func testInputGradientInPiecesIsTheWholeProductBitForBit() throws {
        let g = try XCTUnwrap(WindowGeometry(input: .image(height: 9, width: 8, channels: 3), window: .square(3),
                                             strides: .square(1), padding: .same))
        let rows = 37, f = 5, k = g.rowLength, outputs = rows * g.positions * f
        let x = randomDoubles(rows * g.inputCount, seed: 3, stream: 1).map(Float.init)
        let kernel = randomDoubles(k * f, seed: 3, stream: 2).map(Float.init)
        let dout = randomDoubles(outputs, seed: 3, stream: 3).map(Float.init)
        var cols = [Float](repeating: 0, count: rows * g.positions * k)
        var partials = [Float](repeating: 0, count: SampleChunks(rows: rows).count * (k * f + f))
        var z = [Float](repeating: 0, count: outputs), y = z, dz = dout
        var dKernel = kernel, dx = [Float](repeating: .nan, count: x.count)
        kernel.withUnsafeBufferPointer { kp in
            cols.withUnsafeMutableBufferPointer { cp in partials.withUnsafeMutableBufferPointer { pp in
                let pass = Conv2DPass(geometry: g, filters: f, activation: .linear, kernel: kp.baseAddress!, bias: nil,
                                      cols: cp.baseAddress!, partials: pp.baseAddress!)
                pass.forward(x, rows: rows, z: &z, y: &y)
                pass.backward(rows: rows, z: z, y: y, dz: &dz, gradientIsPreActivation: true, dKernel: &dKernel, dBias: nil, dx: &dx)
            } }
        }
        var whole = [Float](repeating: .nan, count: rows * g.positions * k)
        var expected = [Float](repeating: .nan, count: x.count)
        Float.gemm(transposeA: false, transposeB: true, m: rows * g.positions, n: k, k: f, a: dout, lda: f, b: kernel, ldb: f,
                   beta: 0, c: &whole, ldc: k)
        whole.withUnsafeBufferPointer { w in expected.withUnsafeMutableBufferPointer { e in
            for s in 0..<rows { g.col2im(w.baseAddress! + s * g.positions * k, into: e.baseAddress! + s * g.inputCount) }
        } }
        XCTAssertEqual(zip(dx, expected).filter { $0.bitPattern != $1.bitPattern }.count, 0, "values that differ")
        XCTAssertFalse(dx.contains { $0.isNaN })
    }

    /// Max pooling over Float runs in CKernels (compiled for the CPU's widest vectors); its maxima and picks
    /// must be the generic (Double) path's exactly, with ties (a relu's zeros), -0 beside 0, overlapping and
    /// same-padded windows, and channel counts that fill no vector.
    func testFloatMaxPoolingKernelMatchesTheScalarPath() throws {
        var random = SeededRandom(seed: 5, streamNumber: 1)
        for (input, spec) in [
            (TensorShape.image(height: 6, width: 6, channels: 16), Pooling2DSpec()),
            (TensorShape.image(height: 5, width: 7, channels: 8),
             Pooling2DSpec(poolSize: .square(3), strides: Size2D(2, 1), padding: .same)),
            (TensorShape.image(height: 4, width: 4, channels: 24), Pooling2DSpec(poolSize: .square(2), strides: .square(1))),
            (TensorShape.image(height: 5, width: 5, channels: 3), Pooling2DSpec()),
        ] {
            let layer = try XCTUnwrap(Pooling2D(input: input, spec: spec, mode: .max))
            let pass = Pooling2DPass(geometry: layer.geometry, mode: .max)
            let rows = 3, outputs = rows * layer.outputWidth
            let x: [Float] = (0..<(rows * layer.inputWidth)).map { _ in
                let v = Float(2 * random.unitDouble() - 1)
                return v < -0.5 ? -0.0 : max(v, 0)  // half of the values tie at zero, some of them -0
            }
            var y = [Float](repeating: 0, count: outputs), picks = [Int32](repeating: 0, count: outputs)
            pass.forward(x, rows: rows, y: &y, picks: &picks)
            var yDouble = [Double](repeating: 0, count: outputs), picksDouble = [Int32](repeating: 0, count: outputs)
            pass.forward(x.map(Double.init), rows: rows, y: &yDouble, picks: &picksDouble)
            XCTAssertEqual(y.map(\.bitPattern), yDouble.map { Float($0).bitPattern }, "\(input) \(spec)")
            XCTAssertEqual(picks, picksDouble, "\(input) \(spec)")
        }
    }

    /// Max pooling's backward over Float windows that tile the image writes every cell once (CKernels) instead
    /// of zeroing and scattering; with and without the relu gate it must give the scatter's (Double path's)
    /// bits, -0 and NaN gradients included, and zeros in the rows and columns no window covers.
    func testFloatMaxPoolingBackwardKernelMatchesTheScatter() throws {
        var random = SeededRandom(seed: 6, streamNumber: 1)
        for (input, spec) in [
            (TensorShape.image(height: 7, width: 9, channels: 16), Pooling2DSpec()),  // a row and a column uncovered
            (TensorShape.image(height: 6, width: 6, channels: 8), Pooling2DSpec(poolSize: Size2D(3, 2))),
            (TensorShape.image(height: 8, width: 8, channels: 24), Pooling2DSpec(poolSize: .square(4))),
            (TensorShape.image(height: 5, width: 5, channels: 3), Pooling2DSpec()),
        ] {
            let layer = try XCTUnwrap(Pooling2D(input: input, spec: spec, mode: .max))
            let pass = Pooling2DPass(geometry: layer.geometry, mode: .max)
            let rows = 19, outputs = rows * layer.outputWidth  // two chunks, the second short
            let x: [Float] = (0..<(rows * layer.inputWidth)).map { _ in
                let v = Float(2 * random.unitDouble() - 1)
                return v < -0.5 ? -0.0 : max(v, 0)
            }
            let dy: [Float] = (0..<outputs).map { i in i % 37 == 0 ? -0.0 : i % 101 == 0 ? .nan : Float(2 * random.unitDouble() - 1) }
            var y = [Float](repeating: 0, count: outputs), picks = [Int32](repeating: 0, count: outputs)
            pass.forward(x, rows: rows, y: &y, picks: &picks)
            for gated in [false, true] {
                var dx = [Float](repeating: .nan, count: x.count), dxDouble = [Double](repeating: .nan, count: x.count)
                let chunks = SampleChunks(rows: rows), yDouble = y.map(Double.init), dyDouble = dy.map(Double.init)
                for chunk in 0..<chunks.count {
                    Pooling2DPass.Backward(pass: pass, dy: dy, dx: &dx, picks: picks, chunks: chunks, gate: gated ? y : nil)
                        .run(task: chunk)
                    Pooling2DPass.Backward(pass: pass, dy: dyDouble, dx: &dxDouble, picks: picks, chunks: chunks,
                                           gate: gated ? yDouble : nil).run(task: chunk)
                }
                let differing = dx.indices.filter { dx[$0].bitPattern != Float(dxDouble[$0]).bitPattern }
                XCTAssertEqual(differing.count, 0, "\(input) \(spec) gated \(gated): first at \(differing.first ?? -1): "
                               + "\(differing.first.map { "\(dx[$0]) against \(dxDouble[$0])" } ?? "")")
            }
        }
    }

    func testGlobalAveragePoolingGradients() throws {
        let rows = 10, positions = 6, channels = 3
        var x = randomDoubles(rows * positions * channels, seed: 3, stream: 1)
        let dout = randomDoubles(rows * channels, seed: 3, stream: 2)
        var y = [Double](repeating: 0, count: rows * channels), dx = x
        let pass = GlobalAveragePass(positions: positions, channels: channels)
        func loss() -> Double {
            pass.forward(x, rows: rows, y: &y)
            return zip(y, dout).reduce(0) { $0 + $1.0 * $1.1 }
        }
        _ = loss()
        XCTAssertEqual(y[1], (0..<positions).reduce(0) { $0 + x[$1 * channels + 1] } / Double(positions), accuracy: 1e-15)
        pass.backward(dout, rows: rows, dx: &dx)
        let numeric = GradientCheck.centralDifferences(count: x.count, step: step, nudge: { x[$0] += $1 }, loss: loss)
        XCTAssertEqual(GradientCheck.mismatches(analytic: dx, numeric: numeric, tolerance: tolerance).map(\.description), [])
    }
}
