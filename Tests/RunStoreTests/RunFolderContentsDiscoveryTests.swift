@testable import RunStore
import TestSupport
import XCTest

/// Finding run folders under the paths given: once each, sorted, skipping links and dot-files.
final class RunFolderContentsDiscoveryTests: XCTestCase {
    func testFindsRunFoldersAtAnyDepthOnceEach() throws {
        let root = TemporaryDirectory()
        let results = root.url.appendingPathComponent("results")
        let b = RunFolderFixture(runID: "lr=0.01-bbbbbbbb").write(under: results)
        let a = RunFolderFixture(runID: "aaaaaaaa").write(under: results)
        var other = RunFolderFixture(runID: "cccccccc")
        other.name = "other"
        let c = other.write(under: results.appendingPathComponent("deeper"))
        // What the writer leaves beside the runs: a latest link and a lock file.
        try FileManager.default.createSymbolicLink(atPath: results.appendingPathComponent("mnist-dense/latest").path,
                                                   withDestinationPath: "aaaaaaaa")
        root.write("results/mnist-dense/.aaaaaaaa.lock", "")
        RunFolderFixture(runID: "hidden").write(under: results.appendingPathComponent(".trash"))

        let runs = try RunFolderContents.discover([results, a, results.appendingPathComponent("mnist-dense/latest")])
        XCTAssertEqual(runs.map(\.path.path), [c.path, a.path, b.path])
        XCTAssertEqual(runs.map(\.runID), ["cccccccc", "aaaaaaaa", "lr=0.01-bbbbbbbb"])
    }

    func testAGivenLinkIsFollowed() throws {
        let root = TemporaryDirectory()
        RunFolderFixture(runID: "aaaaaaaa").write(under: root.url)
        let latest = root.url.appendingPathComponent("mnist-dense/latest")
        try FileManager.default.createSymbolicLink(atPath: latest.path, withDestinationPath: "aaaaaaaa")
        XCTAssertEqual(try RunFolderContents.discover([latest]).map(\.runID), ["aaaaaaaa"])
    }

    func testRelativePathsStayRelative() throws {
        let root = TemporaryDirectory()
        RunFolderFixture(runID: "aaaaaaaa").write(under: root.url.appendingPathComponent("results"))
        let base = URL(fileURLWithPath: root.path, isDirectory: true)
        let runs = try RunFolderContents.discover([URL(fileURLWithPath: "results", relativeTo: base)])
        XCTAssertEqual(runs.map(\.displayPath), ["results/mnist-dense/aaaaaaaa"])
    }

    func testErrors() {
        let root = TemporaryDirectory()
        root.write("empty/notes.txt", "x")
        func error(_ name: String) -> String? {
            do {
                _ = try RunFolderContents.discover([root.url.appendingPathComponent(name)])
                return nil
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(error("empty"), "\(root.path)/empty: error: no run folders found under this folder; "
                        + "run an experiment first (runner EXP.yaml), or give the --results folder it wrote to")
        XCTAssertEqual(error("empty/notes.txt"), "\(root.path)/empty/notes.txt: error: not a run folder (it has no resolved.json and run.json); "
                        + "a run folder results/NAME/RUN_ID holds experiment.yaml, resolved.json, history.csv, history.json, metrics.json and run.json")
        XCTAssertEqual(error("gone"), "\(root.path)/gone: error: no such file or folder; give a run folder (results/NAME/RUN_ID) or a folder holding run folders")
    }
}
