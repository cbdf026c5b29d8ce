import Foundation
import XCTest
@testable import Workspace

final class JSONTextTests: XCTestCase {
    let tricky = ["", "1", "a,b", "say \"hi\"", "back\\slash", "line\nbreak\ttab\r", "\u{01}\u{1F}", "µg/mL", "😀", "/"]

    func testStringArraysRoundTripAndAreStandardJSON() throws {
        let text = JSONText.encodeStrings(tricky)
        XCTAssertEqual(try JSONText.decodeStrings(text), tricky)
        XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(text.utf8)), tricky)
        // What a standard encoder writes (escaped slashes, surrogate pairs) reads back too.
        let standard = String(decoding: try JSONEncoder().encode(tricky), as: UTF8.self)
        XCTAssertEqual(try JSONText.decodeStrings(standard), tricky)
        XCTAssertEqual(try JSONText.decodeStrings(#" [ "\ud83d\ude00" , "\u00b5" ] "#), ["😀", "µ"])
        XCTAssertEqual(try JSONText.decodeStrings("[]"), [])
    }

    func testMalformedCellsAreErrors() {
        for bad in ["", "[", "[\"a\"", "[\"a\",]", "[1]", "[\"a\"] x", "[\"\\q\"]", "{}"] {
            XCTAssertThrowsError(try JSONText.decodeStrings(bad), bad)
        }
    }
}
