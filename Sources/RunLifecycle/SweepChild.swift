import CProcess
import Foundation

/// A local sweep's child runs die with the sweep, even when it is killed with SIGKILL (which it cannot
/// pass on): the child asks the kernel for SIGKILL when its parent dies (`PR_SET_PDEATHSIG`). Foundation's
/// `Process` spawns with `posix_spawn`, which cannot set it between fork and exec, so the child sets it on
/// itself first thing, when `RUNNER_SWEEP_PARENT` names the sweep's pid, then checks that the sweep is
/// still its parent: one that died before the request was made would never send the signal.
public enum SweepChild {
    static let variable = "RUNNER_SWEEP_PARENT"

    /// The environment entry that marks a sweep's child.
    static var environment: (key: String, value: String) { (variable, String(getpid())) }

    /// Called first by the executable; does nothing outside a sweep's child.
    public static func dieWithParent() {
        guard let text = ProcessInfo.processInfo.environment[variable], let parent = Int32(text) else { return }
        _ = runner_set_parent_death_signal(SIGKILL)
        // The sweep died before the request: nothing would stop this run, so it ends as the signal would have ended it.
        if getppid() != parent { kill(getpid(), SIGKILL) }
    }
}
