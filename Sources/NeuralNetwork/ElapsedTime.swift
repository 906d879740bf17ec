/// The one clock every timing in the runner reads (sgemm rates, steps, epochs, sweeps): Swift's monotonic
/// `ContinuousClock`, unaffected by changes of the wall clock.
extension ContinuousClock.Instant {
    /// Seconds from this instant to now.
    public var secondsSince: Double {
        let d = ContinuousClock.now - self
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
