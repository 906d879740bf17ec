/// Why a statistic could not be computed from the values given.
public enum StatisticsError: Error, Equatable, CustomStringConvertible {
    /// Paired samples must have one candidate value per baseline value (the same seeds).
    case mismatchedPairs(baseline: Int, candidate: Int)
    /// The statistic needs at least `needed` values.
    case tooFewValues(needed: Int, got: Int)
    /// The exact sign-flip test enumerates 2^n patterns; it is refused above `limit` pairs.
    case tooManyPairsForExactSignFlip(pairs: Int, limit: Int)
    /// A probability, level or count outside its domain.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .mismatchedPairs(baseline, candidate):
            return "paired samples differ in length: \(baseline) baseline values, \(candidate) candidate values"
        case let .tooFewValues(needed, got):
            return "needs at least \(needed) values, got \(got)"
        case let .tooManyPairsForExactSignFlip(pairs, limit):
            return "the exact sign-flip test enumerates 2^n sign patterns; \(pairs) pairs is more than the limit of \(limit)"
        case let .invalidArgument(message):
            return message
        }
    }
}
