import XCTest
@testable import RunLifecycle

/// The benchmark's "waited for a core" line reads Linux's per-thread run delay.
final class BenchmarkCoreWaitTests: XCTestCase {
    func testTheRunDelayIsTheSecondFieldOfSchedstat() {
        XCTAssertEqual(Benchmark.runDelayNanoseconds(schedstat: "93482123 1204417 311\n"), 1_204_417)
        XCTAssertNil(Benchmark.runDelayNanoseconds(schedstat: "93482123\n"))
        XCTAssertNil(Benchmark.runDelayNanoseconds(schedstat: "93482123 -5 311\n"))
    }

    #if os(Linux)
    /// Every thread of this process has a schedstat file the sum is read from.
    func testThisProcessHasARunDelay() throws {
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(Benchmark.secondsWaitedForACore()), 0)
    }
    #endif
}
