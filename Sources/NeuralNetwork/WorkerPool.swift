#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

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
/// A training step is a dozen passes of 0.05-2 ms each, so what a pass costs besides its tasks matters
/// (see `WorkerPool+Waiting.swift`): tasks are claimed with one atomic add, a worker that finished a pass
/// spins a few tens of microseconds for the next before it sleeps on a condition variable, and the caller
/// waits only for workers that joined the pass — a worker the kernel has not scheduled yet does not hold
/// the pass up; it finds the pass closed and goes back to waiting without touching it.
///
/// Allocation-free after start: a pass is a `PoolJob` struct on the caller's stack. A pass started while
/// another runs (a nested call, or a second thread) runs its tasks inline, in order: the same bits.
public final class WorkerPool: @unchecked Sendable {
    /// The pool every engine pass runs on, sized once at first use.
    public static let shared = WorkerPool(threadCount: configuredThreadCount())

    /// Threads that run tasks, the calling thread included.
    public let threadCount: Int
    /// Whether waiting threads spin before they sleep: only when every thread can have a core, else a
    /// spinning thread would take the core of the one it waits for.
    let spins: Bool

    let mutex: UnsafeMutablePointer<pthread_mutex_t>
    let wake: UnsafeMutablePointer<pthread_cond_t>
    let finished: UnsafeMutablePointer<pthread_cond_t>

    // The pass: written by the caller while no worker is inside, published by `open`.
    private var invoke: ((UnsafeRawPointer, Int) -> Void)?
    private var context: UnsafeRawPointer?
    private var taskCount = 0

    private let busy = Atomic<Bool>(false)
    /// Moves once per pass; workers wait for it to change.
    let generation = Atomic<Int>(0)
    /// Whether workers may join the current pass; the caller closes it before waiting for `inside`.
    private let open = Atomic<Bool>(false)
    private let nextTask = Atomic<Int>(0)
    /// Workers inside the current pass (joined, not yet left).
    let inside = Atomic<Int>(0)
    /// Workers asleep on `wake` (or about to be): the caller signals only when there are any.
    let sleepers = Atomic<Int>(0)

    /// `OPENBLAS_NUM_THREADS` if it is a positive integer, else the online cores (at least 1).
    public static func configuredThreadCount() -> Int {
        if let text = getenv("OPENBLAS_NUM_THREADS"), let value = Int(String(cString: text)), value >= 1 {
            return min(value, 256)
        }
        return onlineCores
    }

    static var onlineCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Starts `threadCount - 1` workers, which live as long as the process.
    init(threadCount: Int) {
        BLAS.makeSingleThreaded()
        self.threadCount = max(1, threadCount)
        spins = self.threadCount <= Self.onlineCores
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
    /// this is specialised for `J` (inlinable and always inlined, so it is, in every module that calls it).
    @inlinable @inline(__always)
    public func run<J: PoolJob>(tasks: Int, _ job: J) {
        guard tasks > 1, threadCount > 1 else {
            for task in 0..<max(tasks, 0) { job.run(task: task) }
            return
        }
        withUnsafePointer(to: job) { pointer in
            start(tasks: tasks, context: UnsafeRawPointer(pointer), invoke: J.invoke)
        }
    }

    /// Hands `tasks` tasks of `invoke(context, task)` to the workers, takes its own share, and waits for
    /// every worker that joined.
    @usableFromInline
    func start(tasks: Int, context: UnsafeRawPointer, invoke: @escaping (UnsafeRawPointer, Int) -> Void) {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for task in 0..<tasks { invoke(context, task) }
            return
        }
        self.invoke = invoke
        self.context = context
        taskCount = tasks
        nextTask.store(0, ordering: .relaxed)
        // Sequentially consistent, as every flag below: `open`/`inside` and `generation`/`sleepers` are
        // each a store on one side and a load of the other's on the other side (Dekker's pattern).
        open.store(true, ordering: .sequentiallyConsistent)
        generation.wrappingAdd(1, ordering: .sequentiallyConsistent)
        if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
            pthread_mutex_lock(mutex)
            pthread_cond_broadcast(wake)
            pthread_mutex_unlock(mutex)
        }
        runClaimedTasks()
        // Every task is claimed; a worker that joins from now on finds the pass closed and leaves it alone.
        open.store(false, ordering: .sequentiallyConsistent)
        // Every worker inside is done with the job before the caller's stack frame that holds it goes away.
        waitForWorkersToLeave()
        self.invoke = nil
        self.context = nil
        busy.store(false, ordering: .releasing)
    }

    /// Claims the pass's next task until none is left.
    private func runClaimedTasks() {
        guard let invoke, let context else { return }
        let count = taskCount
        while true {
            let task = nextTask.wrappingAdd(1, ordering: .relaxed).oldValue
            guard task < count else { return }
            invoke(context, task)
        }
    }

    private func workerLoop() -> Never {
        var seen = 0
        while true {
            seen = waitForNextPass(after: seen)
            inside.wrappingAdd(1, ordering: .sequentiallyConsistent)
            if open.load(ordering: .sequentiallyConsistent) { runClaimedTasks() }
            leavePass()
        }
    }
}

/// One parallel pass: its operands, and what task `task` of it does. Tasks write disjoint parts of the output.
public protocol PoolJob {
    func run(task: Int)
}

extension PoolJob {
    /// `run(task:)` on the job at `context` (a `Self` on the caller's stack).
    @inlinable
    public static func invoke(_ context: UnsafeRawPointer, _ task: Int) {
        context.assumingMemoryBound(to: Self.self).pointee.run(task: task)
    }
}
