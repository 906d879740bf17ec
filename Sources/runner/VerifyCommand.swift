import ArgumentParser
import RunLifecycle

/// `runner verify RUN`: trains a finished run again from its `resolved.json` and checks that every
/// deterministic file comes out byte for byte the same.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Train a completed run again and check that its results are reproduced byte for byte.",
        discussion: """
            Compiles RUN/resolved.json (it must compile back to itself), trains it into a temporary results folder, and compares every file of the run folder except run.json, which holds times and host facts. Exit status 0 when all are identical, 1 when any differs, 2 for a run folder that is damaged (a resolved.json that does not compile back, a model file that does not fit), as evaluate says it, before training.

            Example:
              runner verify results/mnist-dense/latest
            """
    )

    @Argument(help: "A run folder, e.g. results/mnist-dense/latest.")
    var runFolder: String

    @Flag(help: "Keep the temporary results folder and print where it is.")
    var keep = false

    @Flag(name: .shortAndLong, help: "Print nothing while training.")
    var quiet = false

    func run() throws {
        let verification = Verification(folder: runFolder, keep: keep, quiet: quiet)
        let (report, again) = try verification.run()
        if keep { print("Trained again into \(again)") }
        print(report.text, terminator: "")
        if !report.allIdentical {
            throw RunnerFailure.runFailed("\(report.differing.count) of \(report.files.count) files differ from \(verification.folder)")
        }
    }
}
