/// A numeric interval of accepted values, e.g. `[0, 1)` for a decay rate.
///
/// Ranges follow Keras where it checks (SGD's momentum in [0, 1]) and the optimizer's formula elsewhere
/// (a decay rate of 1 would freeze the moving average, so beta_1, beta_2 and rho are in [0, 1)).
/// The compiler words them in its diagnostics ("greater than 0", "in [0, 1)").
public struct Bounds: Sendable {
    public var lower: Double
    public var lowerInclusive: Bool
    /// nil: no upper end.
    public var upper: Double?
    public var upperInclusive: Bool

    public init(lower: Double, lowerInclusive: Bool, upper: Double?, upperInclusive: Bool) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    public static let positive = Bounds(lower: 0, lowerInclusive: false, upper: nil, upperInclusive: false)
    public static let nonNegative = Bounds(lower: 0, lowerInclusive: true, upper: nil, upperInclusive: false)
    public static let unitClosed = Bounds(lower: 0, lowerInclusive: true, upper: 1, upperInclusive: true)
    public static let unitHalfOpen = Bounds(lower: 0, lowerInclusive: true, upper: 1, upperInclusive: false)
    public static let unitOpen = Bounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false)
    public static let anyFinite = Bounds(lower: -.greatestFiniteMagnitude, lowerInclusive: true, upper: nil, upperInclusive: false)

    /// Whether `x` is finite and inside the interval.
    public func contains(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        if lowerInclusive ? x < lower : x <= lower { return false }
        if let upper, upperInclusive ? x > upper : x >= upper { return false }
        return true
    }
}
