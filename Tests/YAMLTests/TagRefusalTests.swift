import XCTest
import YAML

/// Every explicit tag is refused where it is written: the compiler types scalars by the schema, so a tag
/// could only be ignored or contradict it. Shown in its short form where it has one.
final class TagRefusalTests: XCTestCase {
    func testAPythonObjectTagIsRefusedAtTheTag() {
        assertRefused("name: x\nseed: 1\nrun: !!python/object:os.system ls\n",
                      "experiments/x.yaml:3:6: error: YAML tags are not supported ('!!python/object:os.system'); write the plain value")
    }

    func testCoreSchemaTagsAreRefusedToo() {
        assertRefused("v: !!bool 3\n", "experiments/x.yaml:1:4: error: YAML tags are not supported ('!!bool'); write the plain value")
        assertRefused("v: !!str 10\n", "experiments/x.yaml:1:4: error: YAML tags are not supported ('!!str'); write the plain value")
        assertRefused("v: !!float 1\n", "experiments/x.yaml:1:4: error: YAML tags are not supported ('!!float'); write the plain value")
    }

    func testLocalAndNonSpecificTags() {
        assertRefused("a: 1\nv: !custom x\n", "experiments/x.yaml:2:4: error: YAML tags are not supported ('!custom'); write the plain value")
        assertRefused("v: ! x\n", "experiments/x.yaml:1:4: error: YAML tags are not supported ('!'); write the plain value")
    }

    func testTagsOnMappingsAndSequences() {
        assertRefused("compile: !!map {loss: mse}\n",
                      "experiments/x.yaml:1:10: error: YAML tags are not supported ('!!map'); write the plain value")
        assertRefused("metrics: !!seq [accuracy]\n",
                      "experiments/x.yaml:1:10: error: YAML tags are not supported ('!!seq'); write the plain value")
        assertRefused("data: !thing\n  dataset: mnist\n",
                      "experiments/x.yaml:1:7: error: YAML tags are not supported ('!thing'); write the plain value")
        assertRefused("layers:\n  - !layer\n    dense: 1\n",
                      "experiments/x.yaml:2:5: error: YAML tags are not supported ('!layer'); write the plain value")
    }

    func testATagOnTheRootDocument() {
        assertRefused("--- !!omap\n- a: 1\n", "experiments/x.yaml:1:5: error: YAML tags are not supported ('!!omap'); write the plain value")
    }

    /// A `%TAG` handle is expanded by libyaml; the tag is shown as the verbatim tag it stands for.
    func testTagsThroughDirectivesAndVerbatimTags() {
        assertRefused("%TAG !e! tag:example.com,2000:app/\n---\nv: !e!foo 1\n",
                      "experiments/x.yaml:3:4: error: YAML tags are not supported ('!<tag:example.com,2000:app/foo>'); write the plain value")
        assertRefused("%TAG !! tag:example.com,2000:\n---\nv: !!int 1\n",
                      "experiments/x.yaml:3:4: error: YAML tags are not supported ('!<tag:example.com,2000:int>'); write the plain value")
        assertRefused("v: !<tag:yaml.org,2002:str> x\n",
                      "experiments/x.yaml:1:4: error: YAML tags are not supported ('!!str'); write the plain value")
    }

    /// The node's mark is where its properties begin, so an anchor before the tag is where it points.
    func testATagAfterAnAnchorIsRefused() {
        assertRefused("v: &a !!str x\n", "experiments/x.yaml:1:4: error: YAML tags are not supported ('!!str'); write the plain value")
    }

    /// A tagged key is refused like a tagged value.
    func testATaggedKeyIsRefused() {
        assertRefused("a: 1\n!!str b: 2\n", "experiments/x.yaml:2:1: error: YAML tags are not supported ('!!str'); write the plain value")
    }

    /// Untagged text that looks like a tag inside quotes stays a string.
    func testQuotedTagTextIsAString() throws {
        XCTAssertEqual(try document("v: '!!python/object:os.system'\n")["v"]?.scalar?.string, "!!python/object:os.system")
    }
}
