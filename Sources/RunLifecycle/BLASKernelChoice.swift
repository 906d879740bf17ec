import Foundation
import NeuralNetwork

/// Debian's OpenBLAS 0.3.21 does not know recent Intel CPUs (Sapphire Rapids among them) and falls back to
/// its SSE3 `Prescott` kernels, a third of the Haswell kernels' speed. When the user has not chosen a kernel
/// family and that fallback happened on a CPU with AVX2 and FMA, the runner starts itself again with
/// `OPENBLAS_CORETYPE=Haswell` (the choice OpenBLAS reads only at load time). It never picks the AVX-512
/// kernels by itself: old OpenBLAS builds are known to compute wrong results with them on some CPUs.
/// An explicit `OPENBLAS_CORETYPE` is always left alone.
public enum BLASKernelChoice {
    public static func restartWithHaswellKernelsIfNeeded() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, environment["RUNNER_BLAS_RESTARTED"] == nil,
              BLAS.coreName == "Prescott", cpuHas(["avx2", "fma"]) else { return }
        setenv("OPENBLAS_CORETYPE", "Haswell", 1)
        setenv("RUNNER_BLAS_RESTARTED", "1", 1)
        // The kernel's own argument vector, byte for byte: CommandLine.arguments has repaired any bytes that are not UTF-8.
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv returns only on failure: carry on with the slow kernels rather than fail.
        unsetenv("OPENBLAS_CORETYPE")
    }

    private static func cpuHas(_ flags: [String]) -> Bool {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
        let present = Set(line.split(separator: " ").map(String.init))
        return flags.allSatisfy(present.contains)
    }
}
