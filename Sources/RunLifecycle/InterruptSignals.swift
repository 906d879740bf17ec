import Dispatch
import Glibc

/// Turns Ctrl-C (SIGINT) and `kill`/Slurm's cancel (SIGTERM) into a polite stop: training ends after the
/// current step, the files are written, and the status says interrupted. A second signal ends the process
/// at once, as a second Ctrl-C does in Keras.
final class InterruptSignals: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let handled = DispatchSemaphore(value: 0)
    /// The first signal received (guarded by the dispatch queue's serial handler).
    private(set) var received: Int32?

    init(onSignal stop: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "runner.signals")
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in
                if received == nil { received = number }
                signal(SIGINT, SIG_DFL)
                signal(SIGTERM, SIG_DFL)
                stop()
                handled.signal()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Back to the default actions, so a process that goes on after training (a test, verify) is stopped by Ctrl-C as usual.
    deinit {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// Sends `number` to this process and returns once the handler has run (for tests' fault injection).
    func raiseAndWait(_ number: Int32) {
        raise(number)
        _ = handled.wait(timeout: .now() + 10)
    }
}
