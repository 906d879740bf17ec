import Training
import XCTest

final class ProgressPrinterTests: XCTestCase {
    func testOneLinePerEpochWhenNotATerminal() {
        var text = ""
        let printer = ProgressPrinter(live: false) { text += $0 }
        let logs = Logs([("loss", 0.31114), ("accuracy", 0.90991)])
        printer.observe(.trainingStarted(epochs: 10, stepsPerEpoch: 235))
        printer.observe(.epochStarted(epoch: 1))
        printer.observe(.batchFinished(epoch: 1, step: 1, logs: logs, elapsedSeconds: 0.01))
        printer.observe(.epochFinished(epoch: 1, logs: logs, seconds: 0.6))
        XCTAssertEqual(text, """
            Epoch 1/10
            235/235 [==============================] - 1s 3ms/step - loss: 0.3111 - accuracy: 0.9099

            """)
    }

    func testLiveBarRedrawsInPlaceWithAnETA() {
        var text = ""
        let printer = ProgressPrinter(live: true) { text += $0 }
        printer.observe(.trainingStarted(epochs: 1, stepsPerEpoch: 235))
        printer.observe(.epochStarted(epoch: 1))
        printer.observe(.batchFinished(epoch: 1, step: 37, logs: Logs([("loss", 0.4321)]), elapsedSeconds: 0.5))
        XCTAssertEqual(text, "Epoch 1/1\n\r 37/235 [===>..........................] - ETA: 2s - loss: 0.4321")
    }

    func testTinyValuesUseExponentsAsKerasDoes() {
        var text = ""
        let printer = ProgressPrinter(live: false) { text += $0 }
        printer.observe(.trainingStarted(epochs: 1, stepsPerEpoch: 5))
        printer.observe(.epochFinished(epoch: 1, logs: Logs([("loss", 0.00012345)]), seconds: 0.0001))
        XCTAssertEqual(text, "5/5 [==============================] - 0s 20us/step - loss: 1.2345e-04\n")
    }

    func testSummaryGivesTheGapInPoints() {
        var history = History()
        history.append(Logs([("loss", 0.01), ("accuracy", 0.9966)]))
        let line = ProgressPrinter.summary(test: Logs([("loss", 0.0712), ("accuracy", 0.981)]), history: history)
        XCTAssertEqual(line, "Test: loss: 0.0712, accuracy: 0.9810 | train accuracy: 0.9966 | gap: 1.56 points\n")
    }
}
