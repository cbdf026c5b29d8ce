import XCTest
@testable import PKData

/// Random text in the NONMEM alphabet never traps the reader: it either imports (and then exports the same
/// records) or throws a `NONMEMImportError` whose issues all carry a message and a hint.
final class NONMEMFuzzTests: XCTestCase {
    func testRandomTextNeverTraps() {
        var g = SeededGenerator(seed: 4242)
        let tokens = ["ID", "TIME", "DV", "AMT", "EVID", "MDV", "CMT", "RATE", "DUR", "II", "ADDL", "SS", "BLQ", "LLOQ", "DVID",
                      "ROUTE", "WT", "time", "0", "1", "2", "4", "-1", "3.5", "1e9", "1e400", ".", "", "oral", "iv", "\"a,b\"", "\"", "x"]
        var imported = 0, refused = 0
        for _ in 0..<400 {
            let columns = 1 + Int(g.next() % 8)
            var header = ["ID", "TIME", "DV"].filter { _ in g.next() % 4 != 0 }
            while header.count < columns { header.append(tokens[Int(g.next() % 18)]) }
            var lines = [header.joined(separator: ",")]
            for _ in 0..<Int(g.next() % 8) {
                let n = max(0, header.count + Int(g.next() % 3) - 1)
                lines.append((0..<n).map { _ in tokens[18 + Int(g.next() % UInt64(tokens.count - 18))] }.joined(separator: ","))
            }
            let text = lines.joined(separator: g.next() % 5 == 0 ? "\r\n" : "\n")
            do {
                let imp = try NONMEMReader.read(text: text, fileName: "fuzz.csv")
                let again = try NONMEMReader.read(text: NONMEMWriter.write(imp), fileName: "fuzz.csv")
                XCTAssertEqual(again.records.map(\.values), imp.records.map(\.values), text)
                imported += 1
            } catch let error as NONMEMImportError {
                XCTAssertFalse(error.issues.isEmpty)
                XCTAssertTrue(error.issues.allSatisfy { !$0.message.isEmpty && !$0.hint.isEmpty })
                refused += 1
            } catch {
                XCTFail("unexpected error type \(error) for \(text)")
            }
        }
        XCTAssertGreaterThan(imported, 0)
        XCTAssertGreaterThan(refused, 0)
    }
}
