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
        printer.observe(.epochFinished(epoch: 1, history: History([logs]), seconds: 0.6))
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
        printer.observe(.epochFinished(epoch: 1, history: History([Logs([("loss", 0.00012345)])]), seconds: 0.0001))
        XCTAssertEqual(text, "5/5 [==============================] - 0s 20us/step - loss: 1.2345e-04\n")
    }

    func testSummaryGivesTheGapInPoints() {
        var history = History()
        history.append(Logs([("loss", 0.01), ("accuracy", 0.9966)]))
        let line = ProgressPrinter.summary(test: Logs([("loss", 0.0712), ("accuracy", 0.981)]), history: history)
        XCTAssertEqual(line, "Test: loss: 0.0712, accuracy: 0.9810 | train accuracy: 0.9966 | gap: 1.56 points\n")
    }

    /// The seed experiment's frame is about 130 characters: on 80 columns it must give way, never wrap.
    func testALiveFrameFitsTheTerminalShorterBarFirstThenTheLastValues() {
        let logs = Logs([("loss", 0.4321), ("accuracy", 0.8765), ("top_k_categorical_accuracy", 0.9912)])
        func frame(_ columns: Int) -> String {
            var text = ""
            let printer = ProgressPrinter(live: true, columns: columns) { text += $0 }
            printer.observe(.trainingStarted(epochs: 1, stepsPerEpoch: 235))
            printer.observe(.epochStarted(epoch: 1))
            printer.observe(.batchFinished(epoch: 1, step: 37, logs: logs, elapsedSeconds: 0.5))
            return String(text.dropFirst("Epoch 1/1\n\r".count))
        }
        XCTAssertEqual(frame(200), " 37/235 [===>..........................] - ETA: 2s - loss: 0.4321 - accuracy: 0.8765 - top_k_categorical_accuracy: 0.9912")
        XCTAssertEqual(frame(120), " 37/235 [==>......................] - ETA: 2s - loss: 0.4321 - accuracy: 0.8765 - top_k_categorical_accuracy: 0.9912")
        XCTAssertEqual(frame(80), " 37/235 [==>......................] - ETA: 2s - loss: 0.4321 - accuracy: 0.8765")
        XCTAssertEqual(frame(50), " 37/235 [>.........] - ETA: 2s - loss: 0.4321")
        XCTAssertEqual(frame(20), " 37/235 [>.........")
        for columns in 20...200 { XCTAssertLessThan(frame(columns).count, max(columns, 20), "\(columns) columns") }
    }

    func testEndLineStartsANewLineOnlyAfterALiveFrame() {
        var text = ""
        let printer = ProgressPrinter(live: true) { text += $0 }
        printer.observe(.trainingStarted(epochs: 1, stepsPerEpoch: 235))
        printer.observe(.epochStarted(epoch: 1))
        printer.endLine()
        XCTAssertEqual(text, "Epoch 1/1\n")
        printer.observe(.batchFinished(epoch: 1, step: 37, logs: Logs([("loss", 0.4321)]), elapsedSeconds: 0.5))
        printer.endLine()
        XCTAssertTrue(text.hasSuffix("loss: 0.4321\n"), text)
    }

    func testAnEpochsClosingLineOnATerminalKeepsEveryValueOnLinesThatFit() {
        var text = ""
        let printer = ProgressPrinter(live: true, columns: 80) { text += $0 }
        let logs = Logs([("loss", 0.0163), ("accuracy", 0.996), ("val_loss", 0.0562), ("val_accuracy", 0.9815)])
        printer.observe(.trainingStarted(epochs: 10, stepsPerEpoch: 235))
        printer.observe(.epochStarted(epoch: 10))
        printer.observe(.epochFinished(epoch: 10, history: History([logs]), seconds: 1.2))
        XCTAssertEqual(text, """
            Epoch 10/10
            \r235/235 [==============================] - 1s 5ms/step - loss: 0.0163
                - accuracy: 0.9960 - val_loss: 0.0562 - val_accuracy: 0.9815

            """)
    }
}
