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

    /// Packs one example's windows, one row of `rowLength` per output position (row-major over positions),
    /// zeros where the window hangs over the padding: `cols (positions x rowLength) . kernel (rowLength x filters)`
    /// is then the convolution.
    func im2col<T: KernelScalar>(_ x: UnsafePointer<T>, into cols: UnsafeMutablePointer<T>) {
        var row = cols
        for oy in 0..<outHeight {
            for ox in 0..<outWidth {
                var cell = row
                for ky in 0..<window.height {
                    let iy = oy * strides.height - padTop + ky
                    for kx in 0..<window.width {
                        let ix = ox * strides.width - padLeft + kx
                        if iy >= 0, iy < height, ix >= 0, ix < width {
                            cell.update(from: x + (iy * width + ix) * channels, count: channels)
                        } else {
                            cell.update(repeating: 0, count: channels)
                        }
                        cell += channels
                    }
                }
                row += rowLength
            }
        }
    }

    /// The adjoint of `im2col`: adds each packed row's cells back onto the example's positions (`dx` is
    /// overwritten first), positions and cells in order, so overlapping windows add up in a fixed order.
    func col2im<T: KernelScalar>(_ cols: UnsafePointer<T>, into dx: UnsafeMutablePointer<T>) {
        dx.update(repeating: 0, count: inputCount)
        var row = cols
        for oy in 0..<outHeight {
            for ox in 0..<outWidth {
                var cell = row
                for ky in 0..<window.height {
                    let iy = oy * strides.height - padTop + ky
                    for kx in 0..<window.width {
                        let ix = ox * strides.width - padLeft + kx
                        if iy >= 0, iy < height, ix >= 0, ix < width {
                            let target = dx + (iy * width + ix) * channels
                            for c in 0..<channels { target[c] += cell[c] }
                        }
                        cell += channels
                    }
                }
                row += rowLength
            }
        }
    }
}
