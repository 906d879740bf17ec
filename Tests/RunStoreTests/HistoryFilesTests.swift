import ExperimentCompiler
import RunStore
import Training
import XCTest

final class HistoryFilesTests: XCTestCase {
    var history: History {
        var h = History()
        h.append(Logs([("loss", 0.5), ("accuracy", 0.875), ("val_loss", 0.25), ("val_accuracy", 0.9)]))
        h.append(Logs([("loss", 0.1), ("accuracy", 1.0), ("val_loss", .nan), ("val_accuracy", 0.95)]))
        return h
    }

    func testCSVHasKerasCSVLoggerColumnsAndCountsEpochsFrom0() {
        XCTAssertEqual(HistoryFiles.csv(history), """
            epoch,accuracy,loss,val_accuracy,val_loss
            0,0.875,0.5,0.9,0.25
            1,1.0,0.1,0.95,

            """)
    }

    func testJSONHasKerasHistoryShapeWithNullForNonFinite() {
        XCTAssertEqual(HistoryFiles.json(history).canonicalText, """
            {
              "accuracy": [
                0.875,
                1.0
              ],
              "loss": [
                0.5,
                0.1
              ],
              "val_accuracy": [
                0.9,
                0.95
              ],
              "val_loss": [
                0.25,
                null
              ]
            }

            """)
    }

    func testNoEpochsIsAHeaderOnly() {
        XCTAssertEqual(HistoryFiles.csv(History()), "epoch\n")
        XCTAssertEqual(HistoryFiles.json(History()).canonicalText, "{}\n")
    }

    func testShortestRoundTripFloats() {
        var h = History()
        h.append(Logs([("loss", 0.1 + 0.2)]))
        XCTAssertEqual(HistoryFiles.csv(h), "epoch,loss\n0,0.30000000000000004\n")
    }
}
