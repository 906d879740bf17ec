import ExperimentCompiler
import YAML

extension SweepSpec {
    public static let sectionKeys = ["grid", "random", "trials", "seed", "seeds"]

    /// The file's `sweep:` section, or nil when it has none; every mistake is reported at its line and column.
    ///
    /// ```yaml
    /// sweep:
    ///   grid:
    ///     compile.optimizer.learning_rate: [0.1, 0.01]
    ///     model.layers[0].dense: [128, 512]
    ///   random:
    ///     fit.batch_size: choice(64, 128, 256)
    ///   trials: 4
    ///   seed: 0
    ///   seeds: 5            # or a list: [1, 5, 9]
    /// ```
    /// Paths are written as for `--set`; distributions as for `--random`.
    public init?(section root: Node) throws(CompileFailure) {
        guard let section = root.mapping?.first(where: { $0.key.scalar?.text == "sweep" }) else { return nil }
        self.init()
        sources = [root.mark.source]
        var diagnostics: [Diagnostic] = []
        guard let pairs = section.value.mapping else {
            throw CompileFailure([Diagnostic(section.value.mark,
                "'sweep' must be a mapping with 'grid', 'random', 'trials', 'seed' or 'seeds', not \(section.value.kindDescription)")])
        }
        for pair in pairs {
            let key = pair.key.scalar?.text ?? ""
            switch key {
            case "grid":
                for (path, steps, value) in Self.axes(pair.value, "sweep.grid", &diagnostics) {
                    guard let items = value.sequence else {
                        diagnostics.append(Diagnostic(value.mark, "the grid for '\(path)' must be a list of values such as [0.1, 0.01], not \(value.kindDescription)"))
                        continue
                    }
                    guard !items.isEmpty else {
                        diagnostics.append(Diagnostic(value.mark, "the grid for '\(path)' has no values; give one or more, such as [0.1, 0.01]"))
                        continue
                    }
                    grid.append(SweepAxis(path: path, steps: steps, values: items.map { SweepValue(node: $0) }))
                }
            case "random":
                for (path, steps, value) in Self.axes(pair.value, "sweep.random", &diagnostics) {
                    guard let text = value.scalar?.string else {
                        diagnostics.append(Diagnostic(value.mark, "'sweep.random.\(path)' must be a distribution such as loguniform(1e-4, 1e-1), not \(value.kindDescription)"))
                        continue
                    }
                    let spec = SpecText(text, start: Self.textStart(value))
                    do {
                        random.append(try RandomAxis(path: path, steps: steps, spec: spec, range: 0..<spec.scalars.count))
                    } catch { diagnostics.append(error) }
                }
            case "trials":
                if case .int(let n)? = pair.value.scalar?.value, n >= 1 {
                    trials = n
                    trialsMark = pair.value.mark
                } else if case .int(let n)? = pair.value.scalar?.value {
                    diagnostics.append(Diagnostic(pair.value.mark, "'sweep.trials' must be at least 1, not \(n)"))
                } else {
                    diagnostics.append(Diagnostic(pair.value.mark, "'sweep.trials' must be an integer, not \(pair.value.kindDescription)"))
                }
            case "seeds":
                do { seeds = try SeedAxis(node: pair.value) } catch { diagnostics.append(error) }
            case "seed":
                switch pair.value.scalar?.value {
                case .int(let n)? where n >= 0: seed = UInt64(n)
                case .integerOutOfRange(let text)? where UInt64(text) != nil: seed = UInt64(text)
                default:
                    diagnostics.append(Diagnostic(pair.value.mark, "'sweep.seed' must be an integer between 0 and \(UInt64.max), not \(pair.value.kindDescription)"))
                }
            default:
                let hint = Suggestion.closest(to: key, among: Self.sectionKeys).map { "; did you mean '\($0)'?" }
                    ?? " (expected one of: \(Self.sectionKeys.joined(separator: ", ")))"
                diagnostics.append(Diagnostic(pair.key.mark, "unknown key '\(key)' in 'sweep'\(hint)"))
            }
        }
        if !diagnostics.isEmpty { throw CompileFailure(diagnostics) }
    }

    /// The `PATH: VALUE` pairs of `grid:` or `random:`, each path checked like a `--set` path.
    private static func axes(_ node: Node, _ where_: String, _ diagnostics: inout [Diagnostic]) -> [(String, [Override.Step], Node)] {
        guard let pairs = node.mapping else {
            diagnostics.append(Diagnostic(node.mark, "'\(where_)' must be a mapping of paths to values, such as {fit.epochs: [1, 2]}, not \(node.kindDescription)"))
            return []
        }
        var axes: [(String, [Override.Step], Node)] = []
        for pair in pairs {
            guard let path = pair.key.scalar?.text, pair.key.scalar?.string != nil else {
                diagnostics.append(Diagnostic(pair.key.mark, "a key in '\(where_)' must be a path such as fit.epochs, not \(pair.key.kindDescription)"))
                continue
            }
            let text = SpecText(path, start: textStart(pair.key))
            do {
                axes.append((path, try text.path(0..<text.scalars.count), pair.value))
            } catch { diagnostics.append(error) }
        }
        return axes
    }

    /// Where a scalar's text begins: after its opening quote, if it has one.
    private static func textStart(_ node: Node) -> Mark {
        var mark = node.mark
        if let style = node.scalar?.style, style == .singleQuoted || style == .doubleQuoted { mark.column += 1 }
        return mark
    }
}
