import ExperimentCompiler
import YAML

/// libFuzzer's entry point: one input through the parser, the overrides and the compiler.
///
/// The input is split at its 0x00 bytes: the first part is the experiment file, each later part a
/// `--set` argument (at most two, as users pass them). A NUL never appears in a real file, so the
/// split costs no coverage of the parser, and the mutator can reach override paths and values by
/// editing bytes after the first NUL. Thrown errors are the expected outcome for most inputs; only
/// a trap, a sanitizer report, a leak or a time-out is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0, omittingEmptySubsequences: false)
    let file = Array(parts[0])
    // Arguments come from the command line: valid strings without NUL.
    let overrides = parts.dropFirst().prefix(2).map { String(decoding: $0, as: UTF8.self) }

    // The node tree alone, as the sweep expander reads it.
    if let root = try? Parser().parse(file, source: "fuzz.yaml") {
        var tree = root
        let parsed = overrides.compactMap { try? Override(parsing: $0) }
        _ = Overrides.apply(parsed, to: &tree)
    }

    // The whole path `runner check` takes.
    do {
        let experiment = try Compiler(idxFolderShape: { _ in .unknown }).compile(file, source: "fuzz.yaml", overrides: overrides)
        _ = experiment.resolvedJSONText
        // As `runner check` prints it for MNIST: the image, or its 784 pixels when the experiment flattens it.
        let mnist = experiment.inputShape(.init(features: 784, classes: 10, image: .image(height: 28, width: 28, channels: 1)))
        _ = experiment.summary(input: mnist)
    } catch {
        _ = error.diagnostics.map(\.description)
    }
    return 0
}
