import RunLifecycle
import ArgumentParser
import Datasets

/// `runner data info NAME`: shapes, dtypes and samples per class, as numpy would show the arrays.
struct DataInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print the dataset's shapes and dtypes (numpy's view) and the samples per class in each split.",
        discussion: """
            Example:
              runner data info mnist   # train images: shape (60000, 28, 28), ...
            """
    )

    @Argument(help: "mnist, fashion-mnist, a folder of IDX files, or an experiment file.")
    var name: String

    func run() throws {
        print(try DataTarget.load(name).summary, terminator: "")
    }
}
