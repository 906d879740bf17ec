/// Where a run stands, as `run.json` records it and `runner compare` shows it.
public enum RunStatus: String, Sendable, CaseIterable {
    case running, completed, interrupted, diverged, failed
    /// Recorded as running, but no process holds the run's lock any more (killed, machine lost).
    case crashed
}
