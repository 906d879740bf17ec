import RunStore
import Foundation

/// An axis range widened to round ticks, and the map from data values to pixels.
///
/// Ticks follow the 1-2-5 rule (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990): the step is
/// 1, 2 or 5 times a power of ten, chosen so that about `targetTicks` ticks cover the data, and the range is
/// widened outwards to whole steps ("loose" labelling), so the curves never touch a frame without a tick there.
struct PlotScale: Equatable {
    /// The widened range; `lower < upper` always holds.
    let lower: Double
    let upper: Double
    /// The distance between ticks, `1`, `2` or `5` times a power of ten.
    let step: Double

    /// A scale covering `values` (non-finite ones ignored); `[0, 1]` when none is finite.
    ///
    /// A constant series has no range to divide: it is centred in a range of ±10 % of its value (±0.5 at zero),
    /// so it shows as a flat line in the middle rather than producing a zero-width scale and NaN coordinates.
    init(covering values: some Sequence<Double>, targetTicks: Int = 5) {
        var low = Double.infinity, high = -Double.infinity
        for value in values where value.isFinite {
            low = min(low, value)
            high = max(high, value)
        }
        if low > high { (low, high) = (0, 1) }
        if low == high {
            let pad = low == 0 ? 0.5 : abs(low) / 10
            (low, high) = (low - pad, high + pad)
        }
        // Halves, because high - low overflows to infinity for ranges near the largest doubles.
        let halfSpan = high / 2 - low / 2
        let step = Self.niceStep(halfSpan / Double(max(targetTicks - 1, 1)) * 2)
        var lower = (low / step).rounded(.down) * step
        var upper = (high / step).rounded(.up) * step
        if !lower.isFinite { lower = low }
        if !upper.isFinite { upper = high }
        // A span below the spacing of doubles (values like 1 and 1 + 1 ulp) leaves nothing to widen into.
        if !(lower < upper) { (lower, upper) = (low, high) }
        self.lower = lower
        self.upper = upper
        self.step = step
    }

    /// An epoch axis for `count` epochs, counted from 1: integer ticks only, and half an epoch of room on each
    /// side when there is a single epoch, so its point sits in the middle.
    init(epochs count: Int, targetTicks: Int = 6) {
        let last = Double(max(count, 1))
        if last == 1 {
            (lower, upper, step) = (0.5, 1.5, 1)
            return
        }
        lower = 1
        upper = last
        step = max(1, Self.niceStep((last - 1) / Double(max(targetTicks - 1, 1))))
    }

    /// 1, 2, 5 or 10 times a power of ten, nearest to `raw` (a positive span per tick) by Heckbert's rounding:
    /// a mantissa below 1.5 becomes 1, below 3 becomes 2, below 7 becomes 5, else 10.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        let step = nice * magnitude
        return step.isFinite && step > 0 ? step : raw
    }

    /// The tick values: every whole multiple of `step` within the range (at most 1000, a guard against rounding).
    var ticks: [Double] {
        // The tolerance keeps a bound that is a whole step, give or take rounding, from losing its tick.
        let first = (lower / step - 1e-9).rounded(.up)
        let last = (upper / step + 1e-9).rounded(.down)
        guard first.isFinite, last.isFinite, last >= first else { return [] }
        let count = min(Int(last - first) + 1, 1000)
        // Multiplying the index (not adding the step repeatedly) keeps 0.3 from showing as 0.30000000000000004.
        return (0..<count).map { (first + Double($0)) * step }
    }

    /// Where `value` falls in `pixels` (`pixels.lowerBound` at `lower`); clamped to them, NaN at the lower end.
    func position(of value: Double, in pixels: ClosedRange<Double>) -> Double {
        // Halves, because upper - lower overflows to infinity for ranges near the largest doubles.
        let fraction = (value / 2 - lower / 2) / (upper / 2 - lower / 2)
        guard !fraction.isNaN else { return pixels.lowerBound }
        let clamped = min(max(fraction, 0), 1)
        return pixels.lowerBound + clamped * (pixels.upperBound - pixels.lowerBound)
    }

    /// The label of a tick: as many decimals as the step needs and no more, the same on every machine.
    func label(_ value: Double) -> String {
        let decimals = min(max(Int(-(log10(step)).rounded(.down)), 0), 12)
        let scaleOfValues = max(abs(lower), abs(upper))
        if scaleOfValues >= 1e7 || step < 1e-9 {
            return SVGNumber.exponential(value, significant: 2)
        }
        let text = SVGNumber.fixed(value, decimals: decimals)
        // Rounding a tiny negative rounding error must not print "-0.0".
        return text.allSatisfy({ "-0.".contains($0) }) ? SVGNumber.fixed(0, decimals: decimals) : text
    }
}
