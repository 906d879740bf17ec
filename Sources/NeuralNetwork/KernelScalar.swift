#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element type of the element-wise kernels: Float in training, Double in the gradient checks.
///
/// The kernels are generic so that the tests run the very code the engine runs, in Double, where
/// central differences are accurate to ~1e-8; inside the module they are specialised for Float.
public protocol KernelScalar: BinaryFloatingPoint {
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
}

extension Float: KernelScalar {
    public static func exp(_ x: Float) -> Float { expf(x) }
    public static func log(_ x: Float) -> Float { logf(x) }
    public static func log1p(_ x: Float) -> Float { log1pf(x) }
    public static func tanh(_ x: Float) -> Float { tanhf(x) }
    public static func erf(_ x: Float) -> Float { erff(x) }
}

extension Double: KernelScalar {
    public static func exp(_ x: Double) -> Double { libm_exp(x) }
    public static func log(_ x: Double) -> Double { libm_log(x) }
    public static func log1p(_ x: Double) -> Double { libm_log1p(x) }
    public static func tanh(_ x: Double) -> Double { libm_tanh(x) }
    public static func erf(_ x: Double) -> Double { libm_erf(x) }
}

// At file scope these names reach the C library; inside the extensions they would find the statics.
private func libm_exp(_ x: Double) -> Double { exp(x) }
private func libm_log(_ x: Double) -> Double { log(x) }
private func libm_log1p(_ x: Double) -> Double { log1p(x) }
private func libm_tanh(_ x: Double) -> Double { tanh(x) }
private func libm_erf(_ x: Double) -> Double { erf(x) }
