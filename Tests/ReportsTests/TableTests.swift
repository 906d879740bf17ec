import ExperimentCompiler
import Reports
import RunStore
import XCTest

final class TableTests: XCTestCase {
    private let table = Table(
        columns: [Table.Column("run"), Table.Column("lr", key: "compile.optimizer.learning_rate", alignment: .right)],
        rows: [[.string("b|c"), .number(0.01, decimals: 2)],
               [.string("say \"hi\", twice"), .missing],
               [.string("a"), .number(0.1, decimals: 2)]])

    func testAlignedTable() {
        XCTAssertEqual(table.rendered(as: .table), """
            run                lr
            b|c              0.01
            say "hi", twice     -
            a                0.10

            """)
    }

    func testMarkdownEscapesPipes() {
        XCTAssertEqual(table.rendered(as: .markdown), """
            | run             |   lr |
            | --------------- | ---: |
            | b\\|c            | 0.01 |
            | say "hi", twice |    - |
            | a               | 0.10 |

            """)
    }

    func testCSVQuotesAsRFC4180() {
        XCTAssertEqual(table.rendered(as: .csv), """
            run,compile.optimizer.learning_rate
            b|c,0.01
            "say ""hi"", twice",
            a,0.10

            """)
    }

    func testJSONUsesKeysAndValues() {
        XCTAssertEqual(table.rendered(as: .json), """
            [
              {
                "compile.optimizer.learning_rate": 0.01,
                "run": "b|c"
              },
              {
                "compile.optimizer.learning_rate": null,
                "run": "say \\"hi\\", twice"
              },
              {
                "compile.optimizer.learning_rate": 0.1,
                "run": "a"
              }
            ]

            """)
    }

    func testSortsNumbersNumericallyMissingLast() throws {
        let numbers = Table(columns: [Table.Column("x")], rows: [[.number(10, decimals: 0)], [.missing], [.string("n/a")], [.number(9, decimals: 0)]])
        XCTAssertEqual(try numbers.sorted(by: "x").rows.map { $0[0].text }, ["9", "10", "n/a", "-"])
        XCTAssertEqual(try table.sorted(by: "compile.optimizer.learning_rate").rows.map { $0[0].text }, ["b|c", "a", "say \"hi\", twice"])
        XCTAssertEqual(try table.sorted(by: "run").rows.map { $0[0].text }, ["a", "b|c", "say \"hi\", twice"])
    }

    func testUnknownColumn() {
        XCTAssertThrowsError(try table.sorted(by: "gap")) { error in
            XCTAssertEqual("\(error)", "unknown column 'gap' for --sort; the columns are: run, lr")
        }
    }

    func testNegativeZeroPrintsAsZero() {
        XCTAssertEqual(Table.Cell.number(-0.0001, decimals: 2).text, "0.00")
        XCTAssertEqual(Table.Cell.number(.nan, decimals: 2), .missing)
    }
}
