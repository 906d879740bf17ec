/// One Float or four: optimizer formulas are written once, generic over this, and run four lanes at a time
/// with a scalar tail.
///
/// Why not a plain loop: Swift's `squareRoot()` on Linux calls libm's `sqrtf` (it may set errno), which
/// LLVM will not vectorise, and on the baseline x86-64 target the vectoriser also judges `sqrtps`
/// unprofitable; a scalar sqrt and divide per parameter cost an RMSprop step 4x. `llvm.sqrt` is exact
/// (IEEE correctly rounded), so the four-lane path is bit-identical to the scalar one.
protocol FloatLanes {
    static func splat(_ value: Float) -> Self
    static func load(_ pointer: UnsafePointer<Float>, _ index: Int) -> Self
    func store(_ pointer: UnsafeMutablePointer<Float>, _ index: Int)
    func laneSquareRoot() -> Self
    func lanesMax(_ other: Self) -> Self
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
}

@_silgen_name("llvm.sqrt.f32") private func llvmSquareRoot(_ x: Float) -> Float
@_silgen_name("llvm.sqrt.v4f32") private func llvmSquareRoot(_ x: SIMD4<Float>) -> SIMD4<Float>

extension Float: FloatLanes {
    @inline(__always) static func splat(_ value: Float) -> Float { value }
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>, _ index: Int) -> Float { pointer[index] }
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>, _ index: Int) { pointer[index] = self }
    @inline(__always) func laneSquareRoot() -> Float { llvmSquareRoot(self) }
    @inline(__always) func lanesMax(_ other: Float) -> Float { Swift.max(self, other) }
}

extension SIMD4: FloatLanes where Scalar == Float {
    @inline(__always) static func splat(_ value: Float) -> SIMD4<Float> { SIMD4(repeating: value) }
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>, _ index: Int) -> SIMD4<Float> {
        UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD4<Float>.self)
    }
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>, _ index: Int) {
        UnsafeMutableRawPointer(pointer + index).storeBytes(of: self, as: SIMD4<Float>.self)
    }
    @inline(__always) func laneSquareRoot() -> SIMD4<Float> { llvmSquareRoot(self) }
    @inline(__always) func lanesMax(_ other: SIMD4<Float>) -> SIMD4<Float> { pointwiseMax(self, other) }
}

/// Runs `kernel.apply` over `0..<count` on the pool, in fixed chunks of `laneChunk` values (a multiple of
/// four, so every index takes the same lane path as in one serial loop): four lanes at a time, then one at
/// a time for the rest. The chunks depend on `count` only, never on the thread count.
@inline(__always)
func forEachLane<K: LaneKernel>(_ count: Int, _ kernel: K) {
    WorkerPool.shared.run(tasks: (count + laneChunk - 1) / laneChunk, LaneChunks(count: count, kernel: kernel))
}

/// `forEachLane`'s pass: chunk `task` of `0..<count`.
private struct LaneChunks<K: LaneKernel>: PoolJob {
    let count: Int, kernel: K

    @inline(__always)
    func run(task: Int) {
        var i = task * laneChunk
        let end = min(count, i + laneChunk)
        while i &+ 4 <= end {
            kernel.apply(SIMD4<Float>.self, at: i)
            i &+= 4
        }
        while i < end {
            kernel.apply(Float.self, at: i)
            i &+= 1
        }
    }
}

/// 8192 values (32 KiB of each optimizer buffer): 50 tasks on the seed model's 407,050 parameters, so two
/// threads end within a task of each other (at 32768 it was 13 tasks, 7 against 6), and still thousands of
/// loop iterations per atomic claim. Any multiple of four gives the same bits: each index is on its own.
let laneChunk = 1 << 13

/// An element-wise update written once for any lane width.
protocol LaneKernel {
    func apply<V: FloatLanes>(_ lanes: V.Type, at index: Int)
}
