import Datasets
@testable import RunStore
import XCTest

final class RunIDTests: XCTestCase {
    func testHashIsTheFirstEightHexDigitsOfSHA256OfTheResolvedJSON() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        XCTAssertEqual(RunID(resolvedJSON: "abc", overrides: []).description, "ba7816bf")
    }

    func testLabelNamesOverridesAsPeopleWriteThem() {
        let id = RunID(resolvedJSON: "abc", overrides: ["compile.optimizer.learning_rate=0.01", "fit.epochs=5"])
        XCTAssertEqual(id.description, "lr=0.01,epochs=5-ba7816bf")
        XCTAssertEqual(RunID.label(["model.layers[0].dense=256", "fit.batch_size=64"]), "dense0=256,batch=64")
    }

    func testCollidingShortKeysKeepTheirFullPaths() {
        XCTAssertEqual(RunID.label(["model.layers[0].dense=256", "model.layers[0].activation=tanh", "model.layers[1].activation=relu"]),
                       "dense0=256,activation0=tanh,activation1=relu")
        XCTAssertEqual(RunID.label(["compile.optimizer.name=adam", "compile.loss.name=mse"]),
                       "compile.optimizer.name=adam,compile.loss.name=mse")
    }

    func testLabelKeepsOnlyCharactersSafeInFolderNamesAndShells() {
        // A mapping override reads as its members, its name first; a list as its items.
        XCTAssertEqual(RunID.label(["compile.optimizer={name: sgd, learning_rate: 0.1}"]), "optimizer=sgd,lr=0.1")
        XCTAssertEqual(RunID.label(["compile.optimizer={learning_rate: 1e-4, name: sgd, momentum: 0.9}", "fit.epochs=2"]),
                       "optimizer=sgd,lr=1e-4,momentum=0.9,epochs=2")
        XCTAssertEqual(RunID.label(["compile.metrics=[accuracy, mse]"]), "metrics=accuracy+mse")
        XCTAssertEqual(RunID.label(["compile.optimizer={name: sgd, x: {y: 1}}"]), "optimizer=_name__sgd,_x___y__1__")
        XCTAssertEqual(RunID.label(["name=../../etc"]), "name=.._.._etc")
        XCTAssertEqual(RunID.label(["fit.epochs=" + String(repeating: "9", count: 300)])?.count, RunID.maximumLabelLength)
    }

    func testFolderNamesOfTheSameRunUnderAnyLabel() {
        let id = RunID(resolvedJSON: "abc", overrides: ["fit.epochs=5"])
        XCTAssertTrue(id.names("ba7816bf"))
        XCTAssertTrue(id.names("lr=0.1-ba7816bf"))
        XCTAssertFalse(id.names("ba7816bf-x"))
        XCTAssertFalse(id.names("xba7816bf"))
    }
}
