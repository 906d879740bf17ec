/// The limits of the statistics module. The module is written by hand because no Swift statistics library is
/// among the allowed dependencies (Foundation and Glibc only); every function's doc comment gives its formula and
/// source, Tests/StatisticsTests checks each against SciPy, the reference, to 1e-9 relative unless it says
/// otherwise, and docs/results.md ("Statistics") collects the formulas.
public enum StatisticsLimits {
    /// The most pairs the exact sign-flip test enumerates: 2^20 ≈ 1.05 million patterns take a few ms, and each
    /// further pair doubles it.
    public static let exactSignFlipPairs = 20
    /// The most seeds `PairedTPower.seedsNeeded` tries before answering "more than this".
    public static let seedsNeededCap = 10_000
}
