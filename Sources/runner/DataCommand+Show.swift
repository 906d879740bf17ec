import RunLifecycle
import ArgumentParser
import Datasets

/// `runner data show NAME --index N [--split train|test]`: one sample as ASCII art and its label.
struct DataShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one sample: an image as ASCII shades (two characters per pixel), a CSV row as its values; then its label.",
        discussion: """
            The shades ' .:-=+*#%@' go from 0 (background) to 255 (ink), in ten equal bands, as the tutorial's \
            matshow colours them. ASCII keeps the picture readable in a plain log.

            Example:
              runner data show mnist --index 0   # the tutorial's first digit, a 5
            """
    )

    @Argument(help: "mnist, fashion-mnist, a folder of IDX files, or an experiment file.")
    var name: String

    // Unconditional, so `--index -1` reaches the range check instead of reading as an option.
    @Option(parsing: .unconditional, help: "The sample's index in the split, from 0.")
    var index: Int = 0

    @Option(help: "Which split: train or test.")
    var split: DataSplitName = .train

    func run() throws {
        let dataset = try DataTarget.load(name)
        let part = split == .train ? dataset.train : dataset.test
        guard index >= 0 && index < part.count else {
            throw RunnerFailure.usage("index \(index) is out of range: the \(split.rawValue) split of \(dataset.name) has \(part.count) samples, give --index 0...\(part.count - 1)")
        }
        print(SampleArt.render(part, index: index, splitName: split.rawValue, dataset: dataset), terminator: "")
    }
}
