import RunLifecycle
import ArgumentParser

/// `runner data show|info NAME`: look at a dataset before training on it.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Look at a dataset: one sample as text art, or its shapes and class counts.",
        discussion: """
            NAME is mnist, fashion-mnist, a folder of IDX files (a path containing '/'), or an experiment file \
            (.yaml/.yml), whose dataset is read as a run would read it (a CSV dataset too).

            Examples:
              runner data show mnist --index 0
              runner data show fashion-mnist --index 3 --split test
              runner data info mnist
            """,
        subcommands: [DataShowCommand.self, DataInfoCommand.self]
    )
}

/// Which split a subcommand looks at.
enum DataSplitName: String, ExpressibleByArgument, CaseIterable {
    case train, test
}
