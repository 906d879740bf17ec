import Foundation
import TestSupport
import XCTest

/// Faults a night of runs meets: a full disk, a file-size limit, a read-only results root, Slurm's SIGTERM.
/// Each is injected at a known point (a size limit the files cross at a known epoch, a signal after a
/// known step), never by sleeping.
final class FaultTests: XCTestCase {
    func testAFileSizeLimitFailsTheRunNamingTheFileAndTearsNothing() throws {
        let tiny = TinyExperiment(epochs: 45)
        let root = tiny.folder.path + "/results"
        let earlier = try tiny.run(["--set", "seed=2", "--set", "fit.epochs=2"], results: root)
        XCTAssertEqual(earlier.status, 0, earlier.stderr)
        let before = RunFiles.snapshot(root)
        // 4 blocks of 512 bytes: every file fits at first; the checkpoint (its state holds the history) outgrows
        // it around epoch 7, while run.json (with kernel_family, data_digest and the error) stays below it.
        let script = "ulimit -f 4; exec \"$0\" \"$@\""
        let r = try Shell.run(["sh", "-c", script, tiny.runner, "tiny.yaml", "-q", "--results", root], in: tiny.folder.url)
        XCTAssertEqual(r.status, 1, r.error)
        let folder = try tiny.folder(in: root, except: "seed=")
        XCTAssertEqual(r.error, "error: cannot write '\(folder)/checkpoint.safetensors': File too large; a file-size limit is in force "
            + "(ulimit -f); raise it and run again (earlier runs are untouched)\n")
        let record = try RunFiles.json(folder + "/run.json")
        XCTAssertEqual(record["status"] as? String, "failed")
        XCTAssertEqual(record["error"] as? String, String(r.error.dropFirst("error: ".count).dropLast()))
        XCTAssertGreaterThan(try RunFiles.csvRows(folder + "/history.csv"), 4, "the limit was met mid-run")
        // The last epoch's checkpoint is kept: once the limit is raised, running again resumes.
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/checkpoint.safetensors"))
        RunFiles.assertWhole(root)
        RunFiles.assertUnchanged(before, root)
    }

    func testAFullDiskFailsTheRunNamingTheFileAndLeavesEarlierRunsUntouched() throws {
        let tiny = TinyExperiment(epochs: 100)
        let mount = try TinyFilesystem(in: tiny.folder, kilobytes: 64)
        defer { mount.unmount() }
        let earlier = try tiny.run(["--set", "seed=2", "--set", "fit.epochs=2"], results: mount.path)
        XCTAssertEqual(earlier.status, 0, earlier.stderr)
        let before = RunFiles.snapshot(mount.path)
        // tmpfs counts whole 4 KiB pages: seven free pages hold the six files of a run and one being replaced,
        // until the checkpoint outgrows its page (about epoch 22) and its replacement needs two.
        try mount.fill(leavingPages: 7)
        let r = try tiny.run([], results: mount.path)
        XCTAssertEqual(r.status, 1, r.stderr)
        let folder = try tiny.folder(in: mount.path, except: "seed=")
        XCTAssertEqual(r.stderr, "error: cannot write '\(folder)/checkpoint.safetensors': No space left on device; "
            + "free some space (earlier runs are untouched) and run again\n")
        // The failed replacement is removed, which frees the page run.json needs to say so.
        XCTAssertEqual(try RunFiles.json(folder + "/run.json")["status"] as? String, "failed")
        XCTAssertGreaterThan(try RunFiles.csvRows(folder + "/history.csv"), 15, "the disk filled mid-run")
        RunFiles.assertWhole(mount.path)
        RunFiles.assertUnchanged(before, mount.path)
    }

    func testAReadOnlyResultsRootIsAClearErrorAndNothingIsTouched() throws {
        let tiny = TinyExperiment(epochs: 2)
        let mount = try TinyFilesystem(in: tiny.folder, kilobytes: 256)
        defer { mount.unmount() }
        XCTAssertEqual(try tiny.run([], results: mount.path).status, 0)
        let before = RunFiles.snapshot(mount.path)
        let listing = RunFiles.listing(mount.path)
        try mount.remountReadOnly()
        let r = try tiny.run(["--set", "seed=2"], results: mount.path)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("error: cannot create the lock file '\(mount.path)/tiny/."), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix(".lock': Read-only file system; choose a writable results folder with --results DIR\n"), r.stderr)
        // A finished run is still found, and skipped, on a read-only root.
        let again = try RunnerProcess.run([tiny.file, "--results", mount.path], in: tiny.folder.url)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.hasPrefix("Already completed: "), again.stdout)
        RunFiles.assertUnchanged(before, mount.path)
        XCTAssertEqual(RunFiles.listing(mount.path), listing)
    }

    func testSIGTERMFromSlurmsCancelStopsAfterTheStepKeepsTheEpochsAndExits143() throws {
        let tiny = TinyExperiment(epochs: 4)
        let root = tiny.folder.path + "/results"
        let r = try tiny.run([], results: root, environment: ["RUNNER_TEST_SIGNAL": "TERM@3"])
        XCTAssertEqual(r.status, 143, r.stderr)
        let folder = try tiny.folder(in: root)
        XCTAssertEqual(r.stderr, "interrupted: 2 finished epochs kept in \(folder); run the same command again to resume it at epoch 3\n")
        XCTAssertEqual(try RunFiles.json(folder + "/run.json")["status"] as? String, "interrupted")
        XCTAssertEqual(try RunFiles.csvRows(folder + "/history.csv"), 2)
        RunFiles.assertWhole(root)
    }
}

/// A tmpfs of a few pages mounted for one test (root only; the test is skipped where mounting is refused).
final class TinyFilesystem {
    let path: String

    init(in folder: TemporaryDirectory, kilobytes: Int) throws {
        path = folder.path + "/tmpfs"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mount = try Shell.run(["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
        guard mount.status == 0 else { throw XCTSkip("cannot mount a tmpfs here (\(mount.error.trimmingCharacters(in: .whitespacesAndNewlines)))") }
    }

    private var mounted = true

    deinit { unmount() }

    func unmount() {
        if mounted { _ = try? Shell.run(["umount", path]) }
        mounted = false
    }

    /// Fills the filesystem, then gives back `pages` pages of 4 KiB.
    func fill(leavingPages pages: Int) throws {
        let fd = open(path + "/filler", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        let page = [UInt8](repeating: 0, count: 4096)
        var size = 0
        while (page.withUnsafeBytes { write(fd, $0.baseAddress, 4096) }) == 4096 { size += 4096 }
        XCTAssertEqual(errno, ENOSPC)
        XCTAssertEqual(ftruncate(fd, off_t(size - pages * 4096)), 0)
    }

    func remountReadOnly() throws {
        let r = try Shell.run(["mount", "-o", "remount,ro", path])
        guard r.status == 0 else { throw XCTSkip("cannot remount read-only here (\(r.error))") }
    }
}

/// A loss that stops being finite: status `diverged`, exit 1, the finished epochs kept, the layer named.
final class DivergenceFaultTests: XCTestCase {
    func testANonFiniteLossStopsAtItsBatchKeepsTheFinishedEpochsAndNamesTheLayer() throws {
        let tiny = TinyExperiment(epochs: 5)
        let root = tiny.folder.path + "/results"
        // A learning rate tripled at every step: finite for a few epochs, then the loss overflows.
        let r = try tiny.run(["--set", "model.layers[0].activation=linear",
                              "--set", "fit.learning_rate_schedule={name: exponential_decay, decay_steps: 1, decay_rate: 3}"], results: root)
        XCTAssertEqual(r.status, 1, r.stderr)
        let folder = try tiny.folder(in: root)
        XCTAssertTrue(r.stderr.hasPrefix("error: the loss became "), r.stderr)
        XCTAssertTrue(r.stderr.contains(": training diverged; try a lower compile.optimizer.learning_rate (results so far: \(folder)); "
            + "model.layers[1] was the first layer to output non-finite values (its largest weight: "), r.stderr)
        let record = try RunFiles.json(folder + "/run.json")
        XCTAssertEqual(record["status"] as? String, "diverged")
        XCTAssertTrue((record["error"] as? String ?? "").contains("; model.layers[1] was the first layer"), "\(record)")
        let epoch = Int(r.stderr.components(separatedBy: " at epoch ").last?.prefix { $0.isNumber } ?? "") ?? 0
        XCTAssertGreaterThan(epoch, 1)
        XCTAssertEqual(try RunFiles.csvRows(folder + "/history.csv"), epoch - 1, "every finished epoch is kept")
        RunFiles.assertWhole(root)
    }
}
