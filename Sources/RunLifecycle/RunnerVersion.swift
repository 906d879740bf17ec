import NeuralNetwork

/// What produced a run's numbers, recorded in `run.json` so results from different builds can be told apart.
public enum RunnerVersion {
    /// This build's version, as `runner --version` prints it.
    public static let runner = "0.4.0"

    static var swift: String {
        #if compiler(>=6.4)
        return ">=6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #else
        return "<6.2"
        #endif
    }

    static var all: [String: String] {
        ["runner": runner, "swift": swift, "blas": BLAS.configuration, "blas_core": BLAS.coreName]
    }
}
