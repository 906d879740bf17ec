import ExperimentCompiler
import RunStore
import Training
import XCTest

final class MetricsFileTests: XCTestCase {
    func history(_ valLosses: [Double]) -> History {
        var h = History()
        for (i, v) in valLosses.enumerated() {
            h.append(Logs([("loss", 1.0 / Double(i + 1)), ("accuracy", 0.5 + Double(i) / 10), ("val_loss", v), ("val_accuracy", 0.5)]))
        }
        return h
    }

    func testCompletedRunHasTrainTestGapAndBestEpoch() {
        let json = MetricsFile.json(history: history([0.5, 0.25, 0.375]), test: Logs([("loss", 0.375), ("accuracy", 0.5)]))
        XCTAssertEqual(json.canonicalText, """
            {
              "best_epoch": {
                "epoch": 2,
                "monitor": "val_loss",
                "value": 0.25
              },
              "epochs": 3,
              "gap": {
                "accuracy": 0.19999999999999996,
                "loss": -0.041666666666666685
              },
              "test": {
                "accuracy": 0.5,
                "loss": 0.375
              },
              "train": {
                "accuracy": 0.7,
                "loss": 0.3333333333333333
              }
            }

            """)
    }

    func testBestEpochIsTheFirstOfEqualLowestAndSkipsNonFinite() {
        XCTAssertEqual(MetricsFile.bestEpoch(history([.nan, 0.25, 0.25]))?.epoch, 2)
        XCTAssertNil(MetricsFile.bestEpoch(history([.nan])))
    }

    func testUnfinishedRunHasNoTestAndNoGap() {
        let text = MetricsFile.json(history: history([0.5]), test: nil).canonicalText
        XCTAssertTrue(text.contains("\"gap\": {},\n") && text.contains("\"test\": null,\n"), text)
        XCTAssertTrue(MetricsFile.json(history: History(), test: nil).canonicalText.contains("\"train\": null\n"))
    }
}
