import Foundation
import TestSupport
import XCTest

/// A sweep stopped by a signal passes that signal on and exits as a single run does: 128 + its number.
final class SweepSignalTests: XCTestCase {
    func testASweepStoppedBySIGTERMStopsItsRunAndExits143() throws {
        let tiny = TinyExperiment(epochs: 1)
        let root = tiny.folder.path + "/results"
        // Long enough to be running when the signal comes (an epoch of the tiny experiment takes about a millisecond).
        let sweep = try RunnerProcess.start(["sweep", tiny.file, "--grid", "fit.epochs=100000,100001", "--jobs", "1",
                                             "--results", root], in: tiny.folder.url)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try? FileManager.default.contentsOfDirectory(atPath: root + "/tiny"))?
            .contains(where: { !$0.hasPrefix(".") && $0 != "latest" }) != true {
            usleep(50_000)
        }
        usleep(300_000)
        kill(sweep.process.processIdentifier, SIGTERM)
        let r = try sweep.wait()
        XCTAssertEqual(r.status, 143, r.stderr)
        XCTAssertEqual(r.stderr, "interrupted: the runs in progress were stopped; run the same sweep again to finish what is missing\n")
        let folder = try tiny.folder(in: root)
        let record = try RunFiles.json(folder + "/run.json")
        XCTAssertEqual(record["status"] as? String, "interrupted")
    }
}
