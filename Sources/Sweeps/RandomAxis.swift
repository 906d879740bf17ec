import ExperimentCompiler
import Foundation
import YAML

/// One path of a random search and the distribution its values are drawn from.
public struct RandomAxis: Sendable {
    /// Where a random value comes from.
    public enum Distribution: Sendable {
        /// exp(U(ln low, ln high)): equal chances for every decade, the usual prior for learning rates
        /// (Bergstra & Bengio, "Random Search for Hyper-Parameter Optimization", JMLR 2012).
        case logUniform(low: Double, high: Double)
        /// low + (high - low) * U(0, 1).
        case uniform(low: Double, high: Double)
        /// One of the values, each equally likely.
        case choice([SweepValue])
    }

    public static let distributionNames = ["loguniform", "uniform", "choice"]

    public var path: String
    public var steps: [Override.Step]
    public var distribution: Distribution
    /// Where the distribution is written: drawn numbers are reported here.
    public var mark: Mark

    public init(path: String, steps: [Override.Step], distribution: Distribution, mark: Mark) {
        self.path = path
        self.steps = steps
        self.distribution = distribution
        self.mark = mark
    }

    /// `PATH=SPEC` as given to `--random`; marks are counted in `--random PATH=SPEC` as typed.
    public init(randomArgument argument: String) throws(Diagnostic) {
        let text = SpecText(argument, start: Mark(source: "--random \(argument)", line: 1, column: "--random ".count + 1))
        guard let eq = text.scalars.firstIndex(of: "="), eq > 0 else {
            throw Diagnostic(text.mark(0), "expected PATH=DISTRIBUTION, such as --random compile.optimizer.learning_rate=loguniform(1e-4,1e-1)")
        }
        let path = text.text(0..<eq)
        try self.init(path: path, steps: try text.path(0..<eq), spec: text, range: (eq + 1)..<text.scalars.count)
    }

    /// Reads `loguniform(A,B)`, `uniform(A,B)` or `choice(V1,V2,...)` from `spec.scalars[range]`.
    init(path: String, steps: [Override.Step], spec: SpecText, range: Range<Int>) throws(Diagnostic) {
        self.path = path
        self.steps = steps
        let range = spec.trimmed(range)
        mark = spec.mark(range.lowerBound)
        let example = "loguniform(1e-4,1e-1), uniform(0.1,0.5) or choice(64,128,256)"
        guard let open = spec.scalars[range].firstIndex(of: "("), spec.scalars[range].last == ")" else {
            throw Diagnostic(mark, range.isEmpty ? "the distribution for '\(path)' is missing; write one such as \(example)"
                : "expected a distribution such as \(example), not '\(spec.text(range))'")
        }
        let name = spec.text(range.lowerBound..<open)
        let inner = (open + 1)..<(range.upperBound - 1)
        let items = spec.trimmed(inner).isEmpty ? [] : spec.items(inner)
        if let empty = items.first(where: \.isEmpty) {
            throw Diagnostic(spec.mark(empty.lowerBound), "empty argument in \(name)(...); remove the extra comma")
        }
        switch name {
        case "choice":
            guard !items.isEmpty else {
                throw Diagnostic(mark, "choice() for '\(path)' has no values; give one or more, such as choice(64,128,256)")
            }
            var values: [SweepValue] = []
            for item in items { values.append(SweepValue(text: spec.text(item), node: try spec.value(item))) }
            distribution = .choice(values)
        case "loguniform", "uniform":
            guard items.count == 2 else {
                throw Diagnostic(mark, "\(name) takes two numbers, low and high, such as \(name)(\(name == "uniform" ? "0.1,0.5" : "1e-4,1e-1")); got \(items.count)")
            }
            var bounds: [Double] = []
            for item in items {
                let node = try spec.value(item)
                switch node.scalar?.value {
                case .int(let n)?: bounds.append(Double(n))
                case .float(let x)? where x.isFinite: bounds.append(x)
                default: throw Diagnostic(node.mark, "\(name)'s bounds must be finite numbers, not \(node.kindDescription) ('\(spec.text(item))')")
                }
            }
            let (low, high) = (bounds[0], bounds[1])
            guard low < high else {
                throw Diagnostic(mark, "\(name) needs low < high, not \(spec.text(items[0])) and \(spec.text(items[1]))")
            }
            if name == "loguniform" {
                guard low > 0 else {
                    throw Diagnostic(spec.mark(items[0].lowerBound), "loguniform needs bounds greater than 0 (it draws their logarithms), not \(spec.text(items[0]))")
                }
                distribution = .logUniform(low: low, high: high)
            } else {
                distribution = .uniform(low: low, high: high)
            }
        default:
            let hint = Suggestion.closest(to: name, among: Self.distributionNames).map { "; did you mean '\($0)'?" }
                ?? " (known: \(Self.distributionNames.joined(separator: ", ")))"
            throw Diagnostic(mark, "unknown distribution '\(name)'\(hint)")
        }
    }

    /// One value drawn with `generator`: a number rounded to 4 significant digits (labels and folder names
    /// stay readable, and no search is finer than that), or one of the choices.
    public func draw<G: RandomNumberGenerator>(using generator: inout G) -> SweepValue {
        let x: Double
        switch distribution {
        case .choice(let values):
            return values[Self.below(values.count, using: &generator)]
        case .uniform(let low, let high):
            x = low + (high - low) * Self.unit(using: &generator)
        case .logUniform(let low, let high):
            x = exp(log(low) + (log(high) - log(low)) * Self.unit(using: &generator))
        }
        let text = "\(Double(String(format: "%.4g", x))!)"
        return SweepValue(text: text, node: Node(.scalar(Scalar(text: text)), mark: mark))
    }

    /// A uniform Double in [0, 1) from the top 53 bits (as `SeededRandom.unitDouble`).
    static func unit<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        Double(generator.next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound (Lemire's multiply-and-reject, as `SeededRandom.below`), written out
    /// rather than `Int.random(in:using:)`, whose algorithm the standard library does not promise to keep.
    static func below<G: RandomNumberGenerator>(_ bound: Int, using generator: inout G) -> Int {
        let b = UInt64(bound)
        var product = generator.next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = generator.next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }
}
