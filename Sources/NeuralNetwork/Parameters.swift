/// Every weight of a model in one Float buffer and every gradient in a second one of the same layout.
///
/// Layers hold `ParameterSlice`s into it (llm.c's layout): zeroing the gradients is one fill, an
/// optimizer step one flat loop, a checkpoint one write. The buffers are 64-byte aligned for AVX-512.
public final class Parameters {
    public let count: Int
    public let values: UnsafeMutableBufferPointer<Float>
    public let gradients: UnsafeMutableBufferPointer<Float>

    init(count: Int) {
        self.count = count
        values = allocateFloats(count)
        gradients = allocateFloats(count)
        values.initialize(repeating: 0)
        gradients.initialize(repeating: 0)
    }

    deinit {
        values.deallocate()
        gradients.deallocate()
    }

    func values(_ slice: ParameterSlice) -> UnsafeMutablePointer<Float> {
        values.baseAddress! + slice.offset
    }

    func gradients(_ slice: ParameterSlice) -> UnsafeMutablePointer<Float> {
        gradients.baseAddress! + slice.offset
    }
}

/// A run of `count` parameters starting at `offset` in a `Parameters` buffer.
public struct ParameterSlice: Sendable, Equatable {
    public let offset: Int
    public let count: Int

    public var range: Range<Int> { offset..<(offset + count) }
}

/// Hands out consecutive slices while a model is laid out.
struct ParameterLayout {
    private(set) var count = 0

    mutating func reserve(_ size: Int) -> ParameterSlice {
        defer { count += size }
        return ParameterSlice(offset: count, count: size)
    }
}

/// Uninitialised, 64-byte aligned Float memory (one cache line; AVX-512 loads never straddle two).
public func allocateFloats(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
    let raw = UnsafeMutableRawPointer.allocate(
        byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
    return UnsafeMutableBufferPointer(start: raw.bindMemory(to: Float.self, capacity: max(count, 1)), count: count)
}
