import Foundation
import Reports
import RunLifecycle
import RunStore

/// How `compare` and `report` find their runs: the paths given (default `results`), damaged folders named on
/// stderr as warnings and left out, a usage error when nothing is left; and the baseline among the groups.
enum RunFolderSearch {
    static func paths(_ given: [String]) -> [String] { given.isEmpty ? ["results"] : given }

    /// The readable runs under `paths` and the damaged folders, each damaged one warned about with `consequence`.
    static func read(_ paths: [String], damaged consequence: String) throws -> (runs: [RunFolderContents], damaged: [ResultsReadError]) {
        let found: (runs: [RunFolderContents], damaged: [ResultsReadError])
        do {
            found = try RunFolderContents.discover(Self.paths(paths).map { URL(fileURLWithPath: $0) }, skippingDamaged: true)
        } catch {
            throw RunnerFailure.located(error.description)
        }
        for damaged in found.damaged { StandardError.write(damaged.warning(consequence)) }
        guard !found.runs.isEmpty else { throw RunnerFailure.usage("no run folder could be read") }
        return found
    }

    /// The group of the run folder `baseline`, for `--baseline`.
    static func baselineGroup(_ baseline: String?, in groups: SeedGroups) throws -> Int? {
        guard let baseline else { return nil }
        guard let index = groups.group(containing: baseline) else {
            throw RunnerFailure.usage("--baseline '\(baseline)' is not one of the runs compared; give one of their run folders")
        }
        return index
    }
}
