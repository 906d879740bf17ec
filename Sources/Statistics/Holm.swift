/// Holm's step-down correction for multiple comparisons (S. Holm, "A simple sequentially rejective multiple test
/// procedure", Scandinavian Journal of Statistics 6:65-70, 1979).
public enum Holm {
    /// Adjusted p-values in the input order: with p_(1) <= ... <= p_(m) sorted, adjusted p_(i) =
    /// max_{j <= i} min(1, (m - j + 1) p_(j)). Rejecting where the adjusted p < α controls the family-wise error
    /// rate at α. (SciPy has no Holm; the tests check this against the formula written out in NumPy.)
    public static func adjust(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { (p[$0], $0) < (p[$1], $1) }
        var adjusted = [Double](repeating: 0, count: m)
        var running = 0.0
        for (j, index) in order.enumerated() {
            running = max(running, min(1, Double(m - j) * p[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}
