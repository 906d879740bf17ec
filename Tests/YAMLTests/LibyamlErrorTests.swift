import XCTest
import YAML

/// libyaml's own errors keep libyaml's line and column (verified against a C program calling
/// libyaml 0.2.5 directly: its 0-based marks plus one); reader errors get the position libyaml counts.
final class LibyamlErrorTests: XCTestCase {
    func testTabInIndentation() {
        assertRefused("a:\n\tb: 1\n", "experiments/x.yaml:2:1: error: found character that cannot start any token "
                      + "(while scanning for the next token); this is a tab, indent with spaces instead")
    }

    func testTabAfterIndentedContent() {
        assertRefused("a:\n  b: 1\n\tc: 2\n", "experiments/x.yaml:3:1: error: found a tab character that violates "
                      + "indentation (while scanning a plain scalar from line 2, column 6)")
    }

    func testUnclosedFlowSequence() {
        assertRefused("a: [1, 2\nb: 3\n", "experiments/x.yaml:2:2: error: did not find expected ',' or ']' "
                      + "(while parsing a flow sequence from line 1, column 4)")
    }

    func testBadIndentation() {
        assertRefused("a:\n    b: 1\n  c: 2\n", "experiments/x.yaml:3:3: error: did not find expected key "
                      + "(while parsing a block mapping from line 1, column 1)")
        assertRefused("a: 1\n b: 2\n", "experiments/x.yaml:2:3: error: mapping values are not allowed in this context")
    }

    func testUnterminatedQuotedString() {
        assertRefused("a: \"abc\nb: 1\n", "experiments/x.yaml:3:1: error: found unexpected end of stream "
                      + "(while scanning a quoted scalar from line 1, column 4)")
    }

    // MARK: invalid UTF-8: columns count characters, as libyaml's do.

    func testLoneFFAfterMultiByteCharacters() {
        assertRefused(Array("a: é\nb: éé".utf8) + [0xFF] + Array("\n".utf8),
                      "experiments/x.yaml:2:6: error: invalid UTF-8 (invalid leading UTF-8 octet 0xFF); save the file as UTF-8")
        assertRefused(Array("k: 日本🙂".utf8) + [0xFF],
                      "experiments/x.yaml:1:7: error: invalid UTF-8 (invalid leading UTF-8 octet 0xFF); save the file as UTF-8")
    }

    /// libyaml reports the byte that breaks the sequence; the mark is where the broken character starts.
    func testTruncatedSequenceBeforeMoreText() {
        assertRefused(Array("a: 1\nb: éé".utf8) + [0xE2, 0x82] + Array("x\n".utf8),
                      "experiments/x.yaml:2:6: error: invalid UTF-8 (invalid trailing UTF-8 octet 0x78); save the file as UTF-8")
    }

    func testTruncatedSequenceAtEndOfFile() {
        assertRefused(Array("a: 1\nb: éé".utf8) + [0xE2, 0x82],
                      "experiments/x.yaml:2:6: error: invalid UTF-8 (incomplete UTF-8 octet sequence); save the file as UTF-8")
    }

    func testOverlongAndSurrogateEncodings() {
        assertRefused(Array("a: ".utf8) + [0xC0, 0x80],
                      "experiments/x.yaml:1:4: error: invalid UTF-8 (invalid length of a UTF-8 sequence); save the file as UTF-8")
        assertRefused(Array("a: ".utf8) + [0xED, 0xA0, 0x80],
                      "experiments/x.yaml:1:4: error: invalid UTF-8 (invalid Unicode character: U+D800); save the file as UTF-8")
    }

    /// libyaml does not count a byte order mark as a column.
    func testInvalidByteAfterByteOrderMark() {
        assertRefused([0xEF, 0xBB, 0xBF] + Array("ab: ".utf8) + [0xFF],
                      "experiments/x.yaml:1:5: error: invalid UTF-8 (invalid leading UTF-8 octet 0xFF); save the file as UTF-8")
    }

    func testInvalidByteAfterLineBreaks() {
        assertRefused(Array("a: 1\r\nbc: ".utf8) + [0xFF],
                      "experiments/x.yaml:2:5: error: invalid UTF-8 (invalid leading UTF-8 octet 0xFF); save the file as UTF-8")
        assertRefused(Array("a: 1\rbc: ".utf8) + [0xFF],
                      "experiments/x.yaml:2:5: error: invalid UTF-8 (invalid leading UTF-8 octet 0xFF); save the file as UTF-8")
    }

    func testControlCharacter() {
        assertRefused("a: 1\nb: x\u{01}\n", "experiments/x.yaml:2:5: error: control characters are not allowed: U+0001")
    }
}
