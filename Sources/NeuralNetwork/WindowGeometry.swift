import CKernels
import ModelKinds

/// Where a sliding window (a convolution's kernel, a pooling window) falls on a channels-last image: Keras'
/// output size and padding (`Padding.output`), and the packing of one example's windows into rows (im2col).
struct WindowGeometry: Sendable, Equatable {
    let height: Int, width: Int, channels: Int
    let window: Size2D, strides: Size2D
    let padTop: Int, padLeft: Int
    let outHeight: Int, outWidth: Int

    /// Nil when a `valid` window does not fit (the compiler reports it first).
    init?(input: TensorShape, window: Size2D, strides: Size2D, padding: Padding) {
        guard case let .image(h, w, c) = input,
              let rows = padding.output(input: h, window: window.height, stride: strides.height),
              let columns = padding.output(input: w, window: window.width, stride: strides.width) else { return nil }
        (height, width, channels) = (h, w, c)
        (self.window, self.strides) = (window, strides)
        (padTop, padLeft) = (rows.before, columns.before)
        (outHeight, outWidth) = (rows.length, columns.length)
    }

    /// Input values of one example.
    var inputCount: Int { height * width * channels }
    /// Output positions of one example.
    var positions: Int { outHeight * outWidth }
    /// One packed row: the window's cells, each with every channel, in Keras' kernel order (ky, kx, c).
    var rowLength: Int { window.area * channels }

    /// The window cells `kx` of output column `ox` that fall inside the image: `first ..< first + count`,
    /// with `ix = ox * stride - padLeft + kx` the input column of cell kx. Those cells are contiguous in the
    /// input (channels-last), so each window row is one block copy between zeros.
    @inline(__always)
    func insideColumns(_ ox: Int) -> (first: Int, count: Int) {
        let start = ox * strides.width - padLeft
        let first = max(0, -start), last = min(window.width, width - start)
        return (first, max(0, last - first))
    }

    /// Whether every window lies inside the image (no padding reached: every `valid` convolution).
    var everyWindowInside: Bool {
        padTop == 0 && padLeft == 0 && (outHeight - 1) * strides.height + window.height <= height
            && (outWidth - 1) * strides.width + window.width <= width
    }

    /// Where the window of output position (oy, ox) starts in the example (an element offset), when the
    /// whole window lies inside the image; nil when it hangs over the padding.
    @inline(__always)
    func wholeWindowStart(_ oy: Int, _ ox: Int) -> Int? {
        let top = oy &* strides.height &- padTop, left = ox &* strides.width &- padLeft
        guard top >= 0, top &+ window.height <= height, left >= 0, left &+ window.width <= width else { return nil }
        return (top &* width &+ left) &* channels
    }

    /// Packs one example's windows, one row of `rowLength` per output position (row-major over positions),
    /// zeros where the window hangs over the padding: `cols (positions x rowLength) . kernel (rowLength x filters)`
    /// is then the convolution.
    ///
    /// A window wholly inside the image is its rows copied as blocks, with no bounds to check: on a
    /// one-channel image a block is three floats, and the general path's checks per block cost more than the
    /// copy (10% of an MNIST convnet's step). Float images whose every window is inside (`valid`) go to
    /// CKernels' packing instead (Im2col.c).
    func im2col<T: KernelScalar>(_ x: UnsafePointer<T>, into cols: UnsafeMutablePointer<T>) {
        if T.self == Float.self && everyWindowInside {
            // CKernels' packing, compiled for the CPU's widest vectors (see Im2col.c).
            return runner_im2col_inside_f32(
                UnsafeRawPointer(x).assumingMemoryBound(to: Float.self), height, width, channels, window.height, window.width,
                strides.height, strides.width, outHeight, outWidth, UnsafeMutableRawPointer(cols).assumingMemoryBound(to: Float.self))
        }
        let rowWidth = window.width &* channels, imageRow = width &* channels
        var row = cols
        for oy in 0..<outHeight {
            for ox in 0..<outWidth {
                if let start = wholeWindowStart(oy, ox) {
                    var source = x + start, cells = row
                    for _ in 0..<window.height {
                        copy(source, cells, rowWidth)
                        source += imageRow
                        cells += rowWidth
                    }
                } else {
                    packClipped(x, oy: oy, ox: ox, into: row)
                }
                row += rowLength
            }
        }
    }

    /// One packed row of a window that hangs over the padding: its cells inside the image copied, the rest zero.
    private func packClipped<T: KernelScalar>(_ x: UnsafePointer<T>, oy: Int, ox: Int, into row: UnsafeMutablePointer<T>) {
        let rowWidth = window.width * channels
        let (first, count) = insideColumns(ox)
        let ix = ox * strides.width - padLeft + first
        for ky in 0..<window.height {
            let iy = oy * strides.height - padTop + ky
            let cells = row + ky * rowWidth
            guard iy >= 0, iy < height, count > 0 else {
                cells.update(repeating: 0, count: rowWidth)
                continue
            }
            let before = first &* channels, inside = count &* channels
            for i in 0..<before { cells[i] = 0 }
            copy(x + (iy &* width &+ ix) &* channels, cells + before, inside)
            for i in (before &+ inside)..<rowWidth { cells[i] = 0 }
        }
    }

    /// The adjoint of `im2col`: adds each packed row's cells back onto the example's positions (`dx` is
    /// overwritten first), positions and cells in order, so overlapping windows add up in a fixed order.
    /// A window wholly inside the image takes the same blocks as in `im2col`, with no bounds to check.
    func col2im<T: KernelScalar>(_ cols: UnsafePointer<T>, into dx: UnsafeMutablePointer<T>) {
        dx.update(repeating: 0, count: inputCount)
        let rowWidth = window.width &* channels, imageRow = width &* channels
        var row = cols
        for oy in 0..<outHeight {
            for ox in 0..<outWidth {
                if let start = wholeWindowStart(oy, ox) {
                    var target = dx + start, cells = row
                    for _ in 0..<window.height {
                        for i in 0..<rowWidth { target[i] += cells[i] }
                        target += imageRow
                        cells += rowWidth
                    }
                    row += rowLength
                    continue
                }
                let (first, count) = insideColumns(ox)
                let ix = ox * strides.width - padLeft + first
                for ky in 0..<window.height {
                    let iy = oy * strides.height - padTop + ky
                    guard iy >= 0, iy < height, count > 0 else { continue }
                    let source = row + (ky &* rowWidth &+ first &* channels), target = dx + (iy &* width &+ ix) &* channels
                    for i in 0..<(count &* channels) { target[i] += source[i] }
                }
                row += rowLength
            }
        }
    }

    /// A run copied inline: Float runs eight lanes at a time (the MNIST convnet's second convolution copies
    /// runs of 96, where a memmove call per run cost as much as the copy), other short runs one by one,
    /// long ones of other types by memmove.
    @inline(__always)
    private func copy<T>(_ source: UnsafePointer<T>, _ target: UnsafeMutablePointer<T>, _ count: Int) {
        if T.self == Float.self {
            let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
            var i = 0
            while i &+ 8 <= count {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self), toByteOffset: i &* 4,
                              as: SIMD8<Float>.self)
                i &+= 8
            }
            while i < count { target[i] = source[i]; i &+= 1 }
            return
        }
        if count < 32 {
            for i in 0..<count { target[i] = source[i] }
        } else {
            target.update(from: source, count: count)
        }
    }
}
