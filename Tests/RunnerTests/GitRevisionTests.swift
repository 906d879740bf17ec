import Foundation
import TestSupport
import XCTest

/// run.json's `git`: the commit of the repository holding the experiment file, and whether its tree had changes.
final class GitRevisionTests: XCTestCase {
    func git(_ arguments: [String], in folder: URL) throws -> String {
        let r = try Shell.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments, in: folder)
        XCTAssertEqual(r.status, 0, r.error)
        return r.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// run.json's `git` as (commit, dirty).
    func recorded(_ run: [String: Any]) -> (String?, Bool?) {
        let git = run["git"] as? [String: Any]
        return (git?["commit"] as? String, git?["dirty"] as? Bool)
    }

    func testRunJSONRecordsTheCommitAndWhetherTheTreeWasDirty() throws {
        guard (try? Shell.run(["git", "--version"]))?.status == 0 else { throw XCTSkip("git is not installed") }
        let tiny = TinyExperiment(epochs: 1)
        let results = TemporaryDirectory("runner-results")
        // Not a repository: no `git` member.
        XCTAssertEqual(try tiny.run([], results: results.path).status, 0)
        let plain = try RunFiles.json(try tiny.folder(in: results.path) + "/run.json")
        XCTAssertNil(plain["git"], "\(plain)")

        _ = try git(["init", "-q"], in: tiny.folder.url)
        _ = try git(["add", "tiny.yaml", "data"], in: tiny.folder.url)
        _ = try git(["commit", "-q", "-m", "tiny"], in: tiny.folder.url)
        let head = try git(["rev-parse", "HEAD"], in: tiny.folder.url)
        XCTAssertEqual(try tiny.run(["--force"], results: results.path).status, 0)
        let clean = try RunFiles.json(try tiny.folder(in: results.path) + "/run.json")
        XCTAssertEqual(recorded(clean).0, head, "\(clean)")
        XCTAssertEqual(recorded(clean).1, false, "\(clean)")

        tiny.folder.write("notes.txt", "changed\n")
        XCTAssertEqual(try tiny.run(["--force"], results: results.path).status, 0)
        let dirty = try RunFiles.json(try tiny.folder(in: results.path) + "/run.json")
        XCTAssertEqual(recorded(dirty).0, head, "\(dirty)")
        XCTAssertEqual(recorded(dirty).1, true, "\(dirty)")
    }
}
