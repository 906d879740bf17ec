import Foundation
import TestSupport
import XCTest

/// A local sweep killed with SIGKILL takes its children with it and leaves no temporary file; run again, it
/// resumes their runs from their checkpoints. A child that cannot be started stops the others cleanly.
final class SweepResumeTests: XCTestCase {
    func testASweepKilledWithSIGKILLTakesItsChildWithItAndResumesItsRunWhenRunAgain() throws {
        let tiny = TinyExperiment(epochs: 6)
        let root = tiny.folder.path + "/results"
        let temporary = tiny.folder.path + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let sweep = ["sweep", tiny.file, "--grid", "fit.batch_size=8", "--jobs", "1", "--results", root]
        // The child freezes itself right after epoch 3's checkpoint: the sweep is killed at a known point.
        let killed = try RunnerProcess.start(sweep, in: tiny.folder.url,
                                             environment: ["RUNNER_TEST_SIGNAL": "STOP@3:checkpoint", "TMPDIR": temporary])
        let child = try Self.waitForStoppedChild(under: root + "/tiny")
        XCTAssertGreaterThan(child.pid, 0, "the child never stopped after its checkpoint")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary), [], "the child's log is unlinked while it runs")
        kill(killed.process.processIdentifier, SIGKILL)
        _ = try killed.wait()
        XCTAssertTrue(Self.waitUntilGone(child.pid), "the child outlived its sweep")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary), [])
        XCTAssertEqual(try RunFiles.json(child.folder + "/run.json")["status"] as? String, "running", "killed, so it could not say")

        let again = try RunnerProcess.run(sweep, in: tiny.folder.url, environment: ["TMPDIR": temporary])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try RunFiles.json(child.folder + "/run.json")["resumed_after_epoch"] as? Int, 3)
        let reference = try ResumeCase.uninterrupted(tiny, ["--set", "fit.batch_size=8"])
        ResumeCase.assertSameFiles(child.folder, reference, "resumed by the sweep")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary), [])
    }

    func testAChildThatCannotStartStopsTheRunInProgressAndSaysSo() throws {
        let tiny = TinyExperiment(epochs: 1)
        let root = tiny.folder.path + "/results"
        let temporary = tiny.folder.path + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let r = try RunnerProcess.run(["sweep", tiny.file, "--grid", "fit.epochs=100000,100001", "--jobs", "2", "--results", root],
                                      in: tiny.folder.url, environment: ["RUNNER_TEST_SWEEP_START_FAILURE": "2", "TMPDIR": temporary])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr, "error: cannot start the run fit.epochs=100001: RUNNER_TEST_SWEEP_START_FAILURE refused to start it; "
            + "the 1 run in progress was stopped; run the same sweep again to finish what is missing\n")
        XCTAssertEqual(Self.processes(mentioning: root), [], "a child outlived its sweep")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary), [])
    }

    /// The pid and folder of the one run under `experiment` once its process is stopped (state T), or pid 0 after a minute.
    static func waitForStoppedChild(under experiment: String) throws -> (pid: Int32, folder: String) {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let runs = ((try? FileManager.default.contentsOfDirectory(atPath: experiment)) ?? []).filter { !$0.hasPrefix(".") && $0 != "latest" }
            if let run = runs.first, let pid = (try? RunFiles.json(experiment + "/" + run + "/run.json"))?["pid"] as? Int,
               state(of: Int32(pid)) == "T" {
                return (Int32(pid), experiment + "/" + run)
            }
            usleep(20_000)
        }
        return (0, "")
    }

    /// True once `pid` has exited (gone, or a zombie nobody reaps), within ten seconds.
    static func waitUntilGone(_ pid: Int32) -> Bool {
        for _ in 0..<500 {
            let state = state(of: pid)
            if state == nil || state == "Z" || state == "X" { return true }
            usleep(20_000)
        }
        return false
    }

    /// The state letter of /proc/PID/stat (R, S, T, Z, ...), nil for no such process.
    static func state(of pid: Int32) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(close, offsetBy: 2)...].split(separator: " ").first.map(String.init)
    }

    /// Live processes whose command line contains `text`.
    static func processes(mentioning text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let bytes = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), let state = state(of: pid), state != "Z" else { return false }
            return String(decoding: bytes.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(text)
        }
    }
}
