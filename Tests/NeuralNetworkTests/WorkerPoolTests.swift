import XCTest
@testable import NeuralNetwork

/// The pool's hand-off: every task of every pass runs exactly once, and its writes are visible when `run` returns.
///
/// Why it can fail: a worker that joins a pass after the caller closed it and runs a task (claiming from
/// the next pass's counter with the old job) runs a task twice or writes into a finished pass; a caller that
/// returns before a worker inside has finished reads a count short; a lost wake-up hangs the test.
final class WorkerPoolTests: XCTestCase {
    /// Pass `pass` of tasks adds `pass + 1` into its slot; the caller checks every slot as soon as `run` returns.
    private struct CountingJob: PoolJob {
        let counts: UnsafeMutablePointer<Int>, pass: Int

        func run(task: Int) { counts[task] += pass + 1 }
    }

    /// Many short passes (most shorter than a worker's wake-up) and some after a pause long enough for the
    /// workers to fall asleep, on `threads` threads.
    private func checkEveryTaskRunsOnce(threads: Int, passes: Int, line: UInt = #line) {
        let pool = WorkerPool(threadCount: threads)
        let tasks = 7
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: tasks)
        defer { counts.deallocate() }
        for pass in 0..<passes {
            counts.update(repeating: 0, count: tasks)
            if pass % 500 == 499 { usleep(2_000) }  // longer than the spin: the workers sleep, and must wake
            pool.run(tasks: tasks, CountingJob(counts: counts, pass: pass))
            for task in 0..<tasks where counts[task] != pass + 1 {
                XCTFail("pass \(pass) of \(threads) threads: task \(task) added \(counts[task]), expected \(pass + 1)", line: line)
                return
            }
        }
    }

    func testTwoThreadsRunEveryTaskOnceInEveryPass() {
        checkEveryTaskRunsOnce(threads: 2, passes: 20_000)
    }

    /// More threads than cores: nobody spins, every hand-off goes through the condition variables.
    func testMoreThreadsThanCoresRunEveryTaskOnce() {
        XCTAssertFalse(WorkerPool(threadCount: WorkerPool.onlineCores + 3).spins)
        checkEveryTaskRunsOnce(threads: WorkerPool.onlineCores + 3, passes: 3_000)
    }

    /// A pass started from inside a task runs inline, in order, and the outer pass still completes.
    func testANestedPassRunsInline() {
        let pool = WorkerPool(threadCount: 2)
        let inner = UnsafeMutablePointer<Int>.allocate(capacity: 3 * 4)
        defer { inner.deallocate() }
        inner.initialize(repeating: 0, count: 12)
        struct Outer: PoolJob {
            let pool: WorkerPool, inner: UnsafeMutablePointer<Int>
            func run(task: Int) { pool.run(tasks: 4, CountingJob(counts: inner + 4 * task, pass: task)) }
        }
        pool.run(tasks: 3, Outer(pool: pool, inner: inner))
        XCTAssertEqual(Array(UnsafeBufferPointer(start: inner, count: 12)), [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3])
    }
}
