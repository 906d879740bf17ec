import Sweeps
import XCTest

final class SweepAxisTests: XCTestCase {
    func testAxisKeepsItsValuesInOrder() {
        XCTAssertEqual(SweepAxis(path: "fit.epochs", values: ["2", "1"]).values, ["2", "1"])
    }
}
