import XCTest
import Workbench
@testable import Shell

final class ParsingTests: XCTestCase {
    func testWordSplitting() throws {
        XCTAssertEqual(try WordSplitter.split("study import  'my file.csv' --name \"a \\\"b\\\"\" # comment"),
                       ["study", "import", "my file.csv", "--name", "a \"b\""])
        XCTAssertEqual(try WordSplitter.split("a\\ b c#d"), ["a b", "c#d"])
        XCTAssertEqual(try WordSplitter.split("   # only a comment"), [])
        XCTAssertEqual(try WordSplitter.split("x ''"), ["x", ""])
        XCTAssertThrowsError(try WordSplitter.split("study show 'oops"))
        XCTAssertThrowsError(try WordSplitter.split("study show \"oops"))
        for w in ["plain", "two words", "it's", ""] { XCTAssertEqual(try WordSplitter.split(WordSplitter.quote(w)), [w]) }
    }

    func testContinuationLinesKeepFirstLineNumber() {
        let lines = LineJoiner.lines(of: "a \\\n  b\n\nc\\\nd\ne \\\n", source: "s")
        XCTAssertEqual(lines.map(\.text), ["a    b", "", "c d", "e "])
        XCTAssertEqual(lines.map(\.line), [1, 3, 4, 6])
        XCTAssertEqual(lines[0].location, "s:1")
    }

    func testBackslashInACommentDoesNotContinue() {
        let lines = LineJoiner.lines(of: "# see C:\\\nstudy list\nnca x # a \\\nhistory\necho '#' \\\nmore\n", source: "s")
        XCTAssertEqual(lines.map(\.text), ["# see C:\\", "study list", "nca x # a \\", "history", "echo '#'  more"])
    }

    func testDidYouMean() {
        XCTAssertEqual(EditDistance.distance("nac", "nca"), 1)
        XCTAssertEqual(EditDistance.distance("histroy", "history"), 1)
        XCTAssertEqual(EditDistance.distance("kitten", "sitting"), 3)
        XCTAssertEqual(EditDistance.suggestions(for: "stdy", among: ["study", "nca", "history"]), ["study"])
        XCTAssertEqual(EditDistance.suggestions(for: "C", among: ["A", "B"]), [])
        XCTAssertEqual(EditDistance.suggestions(for: "zzzzzz", among: ["study"]), [])
    }

    func testTableModes() {
        let t = Table(title: "T", columns: ["name", "x"], rows: [[.text("a,b"), .number(1.23456)], [.text("c"), .empty]])
        XCTAssertEqual(TableRenderer.render(t, mode: .table), "T\nname      x\n----  -----\na,b   1.235\nc\n")
        XCTAssertEqual(TableRenderer.render(t, mode: .csv), "name,x\n\"a,b\",1.23456\nc,\n")
        XCTAssertEqual(TableRenderer.render(t, mode: .json), "[\n  {\"name\": \"a,b\", \"x\": 1.23456},\n  {\"name\": \"c\", \"x\": null}\n]\n")
        XCTAssertEqual(TableRenderer.render(t, mode: .markdown), "**T**\n\n| name | x |\n|---|---:|\n| a,b | 1.235 |\n| c |  |\n")
    }

    func testRaggedRowsArePadded() {
        let t = Table(columns: ["a", "b"], rows: [[.integer(1)], [.integer(2), .integer(3), .integer(4)]])
        XCTAssertEqual(TableRenderer.render(t, mode: .csv), "a,b\n1,\n2,3\n")
    }

    func testNumberDisplay() {
        XCTAssertEqual(Cell.number(0.048462).display, "0.04846")
        XCTAssertEqual(Cell.number(147.0999).display, "147.1")
        XCTAssertEqual(Cell.number(10).display, "10")
        XCTAssertEqual(Cell.number(12345678).display, "1.235e+07")
        XCTAssertEqual(Cell.number(-0.5).display, "-0.5")
        XCTAssertEqual(Cell.optional(.nan), .empty)
    }
}
