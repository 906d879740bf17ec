#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// How the pool's threads wait: spin, then sleep.
///
/// Why spin: a worker woken from `pthread_cond_wait` runs 10-60 µs after the broadcast on this machine's
/// kernels, longer when it is loaded, and a seed-model step has a dozen passes with gaps of 5-100 µs of
/// serial work between them (the 10-unit layer, the loss). So a waiting thread first polls for up to
/// `spinNanoseconds`, a `pause` between polls so its sibling hyperthread keeps the core, and only then
/// sleeps. Bounded, so an idle pool (between runs, during evaluation's serial parts) costs no core.
extension WorkerPool {
    /// How long a waiting thread polls before it sleeps.
    static let spinNanoseconds: UInt64 = 100_000

    /// Spins until `done()` or `spinNanoseconds` pass; returns whether `done()` became true.
    @inline(__always)
    func spin(until done: () -> Bool) -> Bool {
        guard spins else { return done() }
        let deadline = Self.monotonicNanoseconds() &+ Self.spinNanoseconds
        while true {
            for _ in 0..<32 {
                if done() { return true }
                cpuRelax()
            }
            if Self.monotonicNanoseconds() >= deadline { return done() }
        }
    }

    /// Blocks until `generation` differs from `seen` and returns it: spinning first, then asleep on `wake`.
    func waitForNextPass(after seen: Int) -> Int {
        var current = generation.load(ordering: .acquiring)
        if current != seen { return current }
        if spin(until: { current = generation.load(ordering: .acquiring); return current != seen }) { return current }
        pthread_mutex_lock(mutex)
        // Counted before the check: a caller that moves `generation` after it sees a sleeper and broadcasts.
        sleepers.wrappingAdd(1, ordering: .sequentiallyConsistent)
        while true {
            current = generation.load(ordering: .sequentiallyConsistent)
            if current != seen { break }
            pthread_cond_wait(wake, mutex)
        }
        sleepers.wrappingSubtract(1, ordering: .sequentiallyConsistent)
        pthread_mutex_unlock(mutex)
        return current
    }

    /// A worker leaves the pass; the last one out wakes a caller asleep in `waitForWorkersToLeave`.
    func leavePass() {
        if inside.wrappingSubtract(1, ordering: .sequentiallyConsistent).newValue == 0 {
            pthread_mutex_lock(mutex)
            pthread_cond_signal(finished)
            pthread_mutex_unlock(mutex)
        }
    }

    /// The caller waits until no worker is inside the (closed) pass: spinning first, then asleep on `finished`.
    func waitForWorkersToLeave() {
        if spin(until: { inside.load(ordering: .sequentiallyConsistent) == 0 }) { return }
        pthread_mutex_lock(mutex)
        while inside.load(ordering: .sequentiallyConsistent) != 0 { pthread_cond_wait(finished, mutex) }
        pthread_mutex_unlock(mutex)
    }

    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }
}

#if arch(x86_64)
@_silgen_name("llvm.x86.sse2.pause") private func cpuRelax()
#else
@inline(__always) private func cpuRelax() {}
#endif
