import ExperimentCompiler
import YAML

/// One grid axis: a path into the experiment and the values it takes, in the order given.
public struct SweepAxis: Sendable {
    public var path: String
    /// The path's steps, marked where the sweep wrote the path.
    public var steps: [Override.Step]
    public var values: [SweepValue]

    public init(path: String, steps: [Override.Step], values: [SweepValue]) {
        self.path = path
        self.steps = steps
        self.values = values
    }

    /// `PATH=V1,V2,...` as given to `--grid`; marks are counted in `--grid PATH=V1,V2,...` as typed.
    ///
    /// Commas inside brackets, braces or quotes do not split (`compile.metrics=[accuracy],[]` is two values).
    public init(gridArgument argument: String) throws(Diagnostic) {
        let source = "--grid \(argument)"
        let text = SpecText(argument, start: Mark(source: source, line: 1, column: "--grid ".count + 1))
        guard let eq = text.scalars.firstIndex(of: "=") else {
            throw Diagnostic(text.mark(0), "expected PATH=VALUES, such as --grid compile.optimizer.learning_rate=0.1,0.01")
        }
        guard eq > 0 else {
            throw Diagnostic(text.mark(0), "the path before '=' is empty; expected PATH=VALUES, such as --grid fit.epochs=1,2")
        }
        path = text.text(0..<eq)
        steps = try text.path(0..<eq)
        let all = (eq + 1)..<text.scalars.count
        guard !text.trimmed(all).isEmpty else {
            throw Diagnostic(text.mark(eq + 1), "the grid for '\(path)' has no values; give one or more separated by commas, such as \(path)=1,2")
        }
        var values: [SweepValue] = []
        for item in text.items(all) {
            guard !item.isEmpty else {
                throw Diagnostic(text.mark(item.lowerBound), "empty value in the grid for '\(path)'; remove the extra comma, or write null for a null value")
            }
            values.append(SweepValue(text: text.text(item), node: try text.value(item)))
        }
        self.values = values
    }
}
