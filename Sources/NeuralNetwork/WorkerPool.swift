#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The engine's threads: a persistent pool that runs the tasks of one parallel pass at a time.
///
/// `run(tasks:_:)` hands out task indices `0..<tasks` to the calling thread and the workers; which thread
/// runs which task is left to chance, so a pass's result must not depend on it: every caller cuts its work
/// into tasks whose shapes and order depend only on the problem (see `ProductTiles`, `forEachLane`), each
/// task writes its own part of the output, and nothing is summed across tasks. The thread count therefore
/// changes the speed, never a bit.
///
/// The size is `OPENBLAS_NUM_THREADS` (what sweeps and Slurm scripts set per child), else the online cores;
/// OpenBLAS itself is made single-threaded (`BLAS.makeSingleThreaded`), one product per task.
///
/// Allocation-free after start: a pass is a `PoolJob` struct on the caller's stack, workers wait on one
/// condition variable and claim tasks under one mutex. A pass started while
/// another runs (a nested call, or a second thread) runs its tasks inline, in order: the same bits.
public final class WorkerPool: @unchecked Sendable {
    /// The pool every engine pass runs on, sized once at first use.
    public static let shared = WorkerPool(threadCount: configuredThreadCount())

    /// Threads that run tasks, the calling thread included.
    public let threadCount: Int

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let wake: UnsafeMutablePointer<pthread_cond_t>
    private let finished: UnsafeMutablePointer<pthread_cond_t>
    // Guarded by `mutex`.
    private var job: ((UnsafeRawPointer, Int) -> Void)?
    private var jobContext: UnsafeRawPointer?
    private var taskCount = 0
    private var nextTask = 0
    private var workersStillIn = 0
    private var generation = 0
    private var busy = false

    /// `OPENBLAS_NUM_THREADS` if it is a positive integer, else the online cores (at least 1).
    public static func configuredThreadCount() -> Int {
        if let text = getenv("OPENBLAS_NUM_THREADS"), let value = Int(String(cString: text)), value >= 1 {
            return min(value, 256)
        }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Starts `threadCount - 1` workers, which live as long as the process.
    init(threadCount: Int) {
        BLAS.makeSingleThreaded()
        self.threadCount = max(1, threadCount)
        mutex = .allocate(capacity: 1)
        wake = .allocate(capacity: 1)
        finished = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(finished, nil)
        for _ in 1..<self.threadCount {
            var thread = pthread_t()
            let context = Unmanaged.passRetained(self).toOpaque()
            let started = pthread_create(&thread, nil, { context in
                Unmanaged<WorkerPool>.fromOpaque(context!).takeUnretainedValue().workerLoop()
                return nil
            }, context)
            precondition(started == 0, "cannot start a worker thread (error \(started))")
            pthread_detach(thread)
        }
    }

    /// Runs `job.run(task:)` for every task in `0..<tasks`, on this thread and the workers, and returns when all are done.
    ///
    /// Why a `PoolJob` value and not a closure: a closure the workers can call must escape, and
    /// `withoutActuallyEscaping` boxes a non-escaping one on the heap (32 bytes per pass, which
    /// `AllocationTests.testFitOnTheWorkerPoolAllocatesNothingPerStep` caught). The job is a struct on the
    /// caller's stack instead; the workers get its address and `J.invoke`, a function with no context once
    /// this is specialised for `J` (always inlined, so it is at every call site).
    @inline(__always)
    func run<J: PoolJob>(tasks: Int, _ job: J) {
        guard tasks > 1, threadCount > 1 else {
            for task in 0..<max(tasks, 0) { job.run(task: task) }
            return
        }
        withUnsafePointer(to: job) { pointer in
            start(tasks: tasks, context: UnsafeRawPointer(pointer), invoke: J.invoke)
        }
    }

    /// Hands `tasks` tasks of `invoke(context, task)` to the workers, takes its own share, and waits for all.
    func start(tasks: Int, context: UnsafeRawPointer, invoke: @escaping (UnsafeRawPointer, Int) -> Void) {
        pthread_mutex_lock(mutex)
        if busy {
            pthread_mutex_unlock(mutex)
            for task in 0..<tasks { invoke(context, task) }
            return
        }
        busy = true
        job = invoke
        jobContext = context
        taskCount = tasks
        nextTask = 0
        workersStillIn = threadCount - 1
        generation &+= 1
        pthread_cond_broadcast(wake)
        pthread_mutex_unlock(mutex)
        runClaimedTasks(invoke, context)
        pthread_mutex_lock(mutex)
        // Every worker is done with the job before the caller's stack frame that holds it goes away.
        while workersStillIn > 0 { pthread_cond_wait(finished, mutex) }
        job = nil
        jobContext = nil
        busy = false
        pthread_mutex_unlock(mutex)
    }

    /// Claims the pass's next task until none is left.
    private func runClaimedTasks(_ invoke: (UnsafeRawPointer, Int) -> Void, _ context: UnsafeRawPointer) {
        while true {
            pthread_mutex_lock(mutex)
            let task = nextTask
            if task < taskCount { nextTask += 1 }
            pthread_mutex_unlock(mutex)
            guard task < taskCount else { return }
            invoke(context, task)
        }
    }

    private func workerLoop() -> Never {
        var seen = 0
        pthread_mutex_lock(mutex)
        while true {
            while generation == seen { pthread_cond_wait(wake, mutex) }
            seen = generation
            if let invoke = job, let context = jobContext {
                pthread_mutex_unlock(mutex)
                runClaimedTasks(invoke, context)
                pthread_mutex_lock(mutex)
            }
            workersStillIn -= 1
            if workersStillIn == 0 { pthread_cond_signal(finished) }
        }
    }
}

/// One parallel pass: its operands, and what task `task` of it does. Tasks write disjoint parts of the output.
protocol PoolJob {
    func run(task: Int)
}

extension PoolJob {
    /// `run(task:)` on the job at `context` (a `Self` on the caller's stack).
    static func invoke(_ context: UnsafeRawPointer, _ task: Int) {
        context.assumingMemoryBound(to: Self.self).pointee.run(task: task)
    }
}
