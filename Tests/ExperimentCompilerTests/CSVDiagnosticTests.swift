import ExperimentCompiler
import XCTest
import YAML
import ModelKinds

/// The CSV dataset mapping and `standardize`: what they compile to, and every refusal as text.
final class CSVDiagnosticTests: XCTestCase {
    /// A probe that knows one file, `data/iris.csv`: 4 features, 3 classes, header `a,b,c,d,species`.
    let compiler = Compiler(csvProbe: { csv in
        guard csv.path == "data/iris.csv" else { return .unusableFile(key: "csv", message: "\(csv.path): CSV file not found") }
        if case .file("data/bad.csv") = csv.test {
            return .badContent(Mark(source: "data/bad.csv", line: 7, column: 5), message: "'x' in column 'b' is not a finite number")
        }
        guard csv.label == "species" else { return .missingLabel(header: ["a", "b", "c", "d", "species"]) }
        return .shape(DatasetShape(features: 4, classes: 3))
    })

    func csvBase(_ dataset: String, units: Int = 3) -> String {
        edited("  dataset: mnist", "  dataset: \(dataset)").replacingOccurrences(of: "    - dense: 10", with: "    - dense: \(units)")
    }

    func testCompilesAndResolves() throws {
        let text = csvBase("{csv: data/iris.csv, label: species, test_fraction: 0.2}")
        let experiment = try compiler.compile(Array(text.utf8), source: source)
        XCTAssertEqual(experiment.data.dataset, .csv(CSVDataset(path: "data/iris.csv", label: "species", test: .fraction(0.2))))
        let data = experiment.resolvedJSON.canonicalText.filter { !$0.isWhitespace }
        XCTAssertTrue(data.contains(#""dataset":{"csv":"data/iris.csv","label":"species","test_fraction":0.2}"#), data)
        XCTAssertTrue(data.contains(#""preprocess":{"flatten":true,"scale":255.0,"standardize":false}"#), data)
        // resolved.json's form compiles back to the same experiment.
        let again = try compiler.compile(Array(experiment.resolvedJSONText.utf8), source: "resolved.json")
        XCTAssertEqual(again, experiment)
        XCTAssertEqual(compiler.shape(of: experiment.data.dataset), DatasetShape(features: 4, classes: 3))
    }

    func testTestFileAndStandardize() throws {
        let text = csvBase("{csv: data/iris.csv, test_csv: data/iris-test.csv, label: species}")
            .replacingOccurrences(of: "    scale: 255", with: "    standardize: true")
        let experiment = try compiler.compile(Array(text.utf8), source: source)
        XCTAssertEqual(experiment.data, DataSpec(
            dataset: .csv(CSVDataset(path: "data/iris.csv", label: "species", test: .file("data/iris-test.csv"))),
            flatten: true, scale: 1, standardize: true))
    }

    func testLastLayerAgainstTheCSVClasses() {
        assertDiagnostics(csvBase("{csv: data/iris.csv, label: species, test_fraction: 0.2}", units: 10), compiler: compiler, [
            "experiments/x.yaml:12:14: error: the last layer has 10 units but data/iris.csv (label 'species') has 3 classes; sparse_categorical_crossentropy needs one unit per class",
        ])
    }

    func testMistakesInTheMapping() {
        assertDiagnostics(csvBase("{csv: data/iris.csv, label: species, test_fraction: 0.2, test_frac: 0.1}"), compiler: compiler, [
            "experiments/x.yaml:4:69: error: unknown key 'test_frac' in 'data.dataset'; did you mean 'test_fraction'?",
        ])
        assertDiagnostics(csvBase("{csv: data/iris.csv, label: species}"), compiler: compiler, [
            "experiments/x.yaml:4:12: error: a CSV dataset needs its test split: add 'test_csv: PATH' (a file with the same header) or 'test_fraction: 0.2' (a seeded share of the rows)",
        ])
        assertDiagnostics(csvBase("{csv: data/iris.csv, label: species, test_csv: t.csv, test_fraction: 0.2}"), compiler: compiler, [
            "experiments/x.yaml:4:81: error: give either 'test_csv' (a separate test file) or 'test_fraction' (a seeded share of the rows), not both",
        ])
        assertDiagnostics(csvBase("{csv: data/iris.csv, label: species, test_fraction: 1}"), compiler: compiler, [
            "experiments/x.yaml:4:64: error: 'data.dataset.test_fraction' must be in (0, 1), not 1",
        ])
        assertDiagnostics(csvBase("{csv: data/iris.csv, test_fraction: 0.2}"), compiler: compiler, [
            "experiments/x.yaml:4:12: error: missing key 'label' in 'data.dataset'",
        ])
        assertDiagnostics(csvBase("data/iris.csv"), compiler: compiler, [
            "experiments/x.yaml:4:12: error: a CSV dataset needs its label column and test split: write {csv: data/iris.csv, label: COLUMN, test_csv: PATH} or {csv: data/iris.csv, label: COLUMN, test_fraction: 0.2}",
        ])
        assertDiagnostics(edited("    scale: 255", "    standardize: yes"), compiler: compiler, [
            "experiments/x.yaml:7:18: error: 'data.preprocess.standardize' must be true or false, not a string (yes); YAML 1.2 reads yes as a string, write true or false",
        ])
    }

    func testProblemsTheProbeFinds() {
        assertDiagnostics(csvBase("{csv: data/iris.csv, label: specis, test_fraction: 0.2}"), compiler: compiler, [
            "experiments/x.yaml:4:40: error: no column 'specis' in the header of data/iris.csv; did you mean 'species'?",
        ])
        assertDiagnostics(csvBase("{csv: data/iris.csv, label: colour, test_fraction: 0.2}"), compiler: compiler, [
            "experiments/x.yaml:4:40: error: no column 'colour' in the header of data/iris.csv; the columns are 'a', 'b', 'c', 'd', 'species'",
        ])
        assertDiagnostics(csvBase("{csv: data/irs.csv, label: species, test_fraction: 0.2}"), compiler: compiler, [
            "experiments/x.yaml:4:18: error: data/irs.csv: CSV file not found",
        ])
        assertDiagnostics(csvBase("{csv: data/iris.csv, label: species, test_csv: data/bad.csv}"), compiler: compiler, [
            "data/bad.csv:7:5: error: 'x' in column 'b' is not a finite number",
        ])
    }
}
