import Foundation
import NeuralNetwork
import Sweeps
import Synchronization
import Training

/// The signal that stopped the sweep (SIGINT or SIGTERM; 0 for none): the sweep starts no more runs, passes
/// that signal on to the running ones, and exits 128 + its number, as a single run does.
private let stopSignal = Atomic<Int32>(0)

/// A compiled sweep run on this machine: child `runner` processes `jobs` at a time (default: the cores), each
/// with an equal share of the cores as BLAS threads; a failed run never stops the others. Completed runs are
/// skipped, and interrupted ones resume from their checkpoints (each child is a plain run). The children die
/// with the sweep, even one killed with SIGKILL (`SweepChild`), and their logs are unlinked files: nothing is
/// left behind.
public struct LocalSweep {
    public var plan: SweepPlan
    /// Each run's child arguments, as `SweepRequest.childArguments` makes them.
    public var commands: [[String]]
    public var results: String
    public var jobs: Int?

    public init(plan: SweepPlan, commands: [[String]], results: String, jobs: Int?) {
        self.plan = plan
        self.commands = commands
        self.results = results
        self.jobs = jobs
    }

    public func run() throws(RunnerFailure) {
        let folders = SweepFolders(root: results)
        let progress = SweepProgress(total: plan.runs.count, live: isatty(STDOUT_FILENO) != 0)
        var pending: [Int] = []
        var completed: [(label: String, folder: String)] = []
        for (i, run) in plan.runs.enumerated() {
            if let folder = folders.completedFolder(name: run.experiment.name, resolvedJSON: run.resolvedJSON,
                                                  experiment: run.experiment) {
                completed.append((SweepRequest.label(run), folder))
            } else {
                pending.append(i)
            }
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let jobs = max(1, min(self.jobs ?? cores, pending.count))
        // jobs x threads <= cores: each run gets an equal share of the cores, at least one thread.
        let threads = max(1, cores / jobs)
        var line = "Sweep of \(plan.runs.first?.experiment.name ?? ""): \(plan.runs.count) runs compiled"
        if plan.duplicates > 0 { line += " (\(plan.duplicates) more points repeat an experiment and run once)" }
        line += pending.isEmpty ? "; nothing left to run." : "; \(pending.count) to run, \(jobs) at a time, \(threads) BLAS thread\(threads == 1 ? "" : "s") each."
        // Unbuffered, like the live view's lines, so the two never come out of order.
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
        // After the header, which says how many there are.
        for (label, folder) in completed { progress.alreadyCompleted(label, folder: folder) }

        let program = try Self.executablePath()
        stopSignal.store(0, ordering: .relaxed)
        signal(SIGINT) { number in stopSignal.store(number, ordering: .relaxed) }
        signal(SIGTERM) { number in stopSignal.store(number, ordering: .relaxed) }
        defer { signal(SIGINT, SIG_DFL); signal(SIGTERM, SIG_DFL) }

        let finishedSignal = DispatchSemaphore(value: 0)
        var running: [(index: Int, child: ChildRun)] = []
        var failures: [Int] = []
        var interrupted = false
        var started = 0
        var next = pending[...]
        while !next.isEmpty || !running.isEmpty {
            if stopSignal.load(ordering: .relaxed) != 0, !interrupted {
                interrupted = true
                next = []
                let number = stopSignal.load(ordering: .relaxed)
                for (_, child) in running { kill(child.process.processIdentifier, number) }
            }
            while running.count < jobs, let i = next.popFirst() {
                let child: ChildRun
                started += 1
                do {
                    if FaultInjection.refusesToStart(child: started) { throw FaultInjection.RefusedStart() }
                    child = try ChildRun(program: program, arguments: commands[i] + ["--quiet"], threads: threads) {
                        finishedSignal.signal()
                    }
                } catch {
                    progress.close()
                    throw stop(running.map(\.child), because: "cannot start the run \(SweepRequest.label(plan.runs[i])): \(error)")
                }
                running.append((i, child))
                progress.started(SweepRequest.label(plan.runs[i]))
            }
            _ = finishedSignal.wait(timeout: .now() + .milliseconds(200))
            // One snapshot of the stopped children: a child that stops while these are reported waits for the
            // next turn, rather than being removed unreported.
            let stopped = running.filter { !$0.child.process.isRunning }
            for (i, child) in stopped {
                let run = plan.runs[i]
                let status = child.process.terminationStatus
                if status == 0 {
                    progress.finished(SweepRequest.label(run), seconds: child.seconds,
                                      folder: folders.folder(name: run.experiment.name, resolvedJSON: run.resolvedJSON))
                } else if !interrupted {
                    progress.failed(SweepRequest.label(run), status: status, reason: child.reason)
                    failures.append(i)
                }
                child.discard()
            }
            running.removeAll { entry in stopped.contains { $0.child === entry.child } }
        }
        progress.close()
        if interrupted {
            throw RunnerFailure.interrupted(signal: stopSignal.load(ordering: .relaxed), detail: "the runs in progress were stopped; run the same sweep again to finish what is missing")
        }
        do { try compare(plan, folders: folders) } catch {
            StandardError.write("warning: cannot run compare over the sweep's runs: \(error)")
        }
        if !failures.isEmpty {
            // In the sweep's order, whichever finished first.
            let labels = failures.sorted().map { SweepRequest.label(plan.runs[$0]) }
            throw RunnerFailure.runFailed("\(failures.count) of \(plan.runs.count) runs failed: \(labels.joined(separator: "; "))")
        }
    }

    /// Stops `children` (SIGTERM: each keeps its finished epochs and checkpoint), waits for them and drops
    /// their logs; the failure says why and what to do.
    private func stop(_ children: [ChildRun], because reason: String) -> RunnerFailure {
        for child in children { kill(child.process.processIdentifier, SIGTERM) }
        for child in children {
            child.process.waitUntilExit()
            child.discard()
        }
        let stopped = children.isEmpty ? "" : "; the \(children.count) run\(children.count == 1 ? "" : "s") in progress \(children.count == 1 ? "was" : "were") stopped"
        return .runFailed(reason + stopped + "; run the same sweep again to finish what is missing")
    }

    /// `runner compare` over the sweep's run folders (the ones that exist), printed as the sweep's summary.
    private func compare(_ plan: SweepPlan, folders: SweepFolders) throws {
        let found = plan.runs.compactMap { folders.folder(name: $0.experiment.name, resolvedJSON: $0.resolvedJSON) }
        guard !found.isEmpty else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executablePath())
        process.arguments = ["compare"] + found
        try process.run()
        process.waitUntilExit()
    }

    /// This executable, to start the children with (the same build, wherever it is called from).
    public static func executablePath() throws(RunnerFailure) -> String {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            throw .runFailed("cannot find the runner executable through /proc/self/exe to start the runs")
        }
        return path
    }
}
