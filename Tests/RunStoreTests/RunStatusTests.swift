import RunStore
import XCTest

final class RunStatusTests: XCTestCase {
    func testStatusesAreTheNamesRunJSONUses() {
        XCTAssertEqual(RunStatus.allCases.map(\.rawValue),
                       ["running", "completed", "interrupted", "diverged", "failed", "crashed"])
    }
}
