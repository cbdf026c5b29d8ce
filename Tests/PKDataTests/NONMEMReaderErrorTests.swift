import XCTest
@testable import PKData

/// Malformed inputs, each with its exact error message.
final class NONMEMReaderErrorTests: XCTestCase {
    private let header = "ID,TIME,AMT,DV,EVID,MDV\n"

    private func message(_ text: String, file: String = "theo.csv") -> String {
        do {
            _ = try NONMEMReader.read(text: text, fileName: file)
            return "no error"
        } catch let error as NONMEMImportError {
            return error.description
        } catch {
            return "unexpected \(error)"
        }
    }

    func testMalformedInputsTable() {
        let h = header
        let cases: [(String, String, UInt)] = [
            ("", "theo.csv: the file is empty; export the data table with a header row (ID,TIME,AMT,DV,…)", #line),
            ("ID,TIME,DV\n", "theo.csv: no data rows below the header; add one row per event", #line),
            ("ID,AMT,DV\n1,0,1\n", "theo.csv: no TIME column; add a TIME column (event time); the header has ID,AMT,DV", #line),
            ("TIME,AMT\n0,1\n", """
            theo.csv: 2 errors, nothing imported
              theo.csv: no ID column; add a ID column (subject ID); the header has TIME,AMT
              theo.csv: no DV column; add a DV column (observed value); the header has TIME,AMT
            """, #line),
            (h + "1,0,100,.,1,1\n1,1,0,5,0\n", "theo.csv row 3, ID 1: 5 values, the header has 6; give every row one value per column (. for missing)", #line),
            (h + "1,0,100,.,1,1\n1,abc,0,5,0,0\n", "theo.csv row 3, ID 1: TIME is 'abc', not a number; use decimal time since the first event (clock times and dates are not supported)", #line),
            (h + "1,0,100,.,1,1\n1,.,0,5,0,0\n", "theo.csv row 3, ID 1: TIME missing; give every row a time", #line),
            (h + "1,0,100,.,1,1\n,1,0,5,0,0\n", "theo.csv row 3: ID missing; give every row its subject ID", #line),
            (h + "1,0,-100,.,1,1\n", "theo.csv row 2, ID 1: AMT is negative (-100); amounts must be ≥ 0", #line),
            (h + "1,0,100,.,1,1\n1,1,0,.,0,0\n", "theo.csv row 3, ID 1: DV missing on an observation row (EVID 0, MDV 0); give the value, or set MDV 1 to skip the row", #line),
            (h + "1,0,100,.,1,1\n1,1,0,-0.2,0,0\n", "theo.csv row 3, ID 1: DV is negative (-0.2); concentrations must be ≥ 0; flag values below the LLOQ with BLQ 1", #line),
            (h + "1,0,100,.,1,1\n1,1,0,<0.1,0,0\n", "theo.csv row 3, ID 1: DV is '<0.1', not a number; give the value, or set MDV 1 to skip the row", #line),
            (h + "1,0,100,.,1,1\n2,0,100,.,1,1\n1,4,0,3,0,0\n", "theo.csv row 4, ID 1: ID 1 appears again after other subjects (its row 2 comes earlier); keep each subject's rows together: sort by ID, TIME", #line),
            (h + "1,0,100,.,1,1\n1,4.0,0,3,0,0\n1,3.5,0,2,0,0\n", "theo.csv row 4, ID 1: TIME goes backwards (3.5 after 4); sort by ID, TIME", #line),
            (h + "1,0,100,.,1,1\n1,1,0,3,0,0\n1,1,0,3,0,0\n", "theo.csv row 4, ID 1: duplicate of row 3; remove one of the two rows", #line),
            (h + "1,0,100,.,1,0\n", "theo.csv row 2, ID 1: EVID 1 with MDV 0: only observation rows (EVID 0) carry a DV; set MDV 1, or put the observation on its own row with EVID 0", #line),
            (h + "1,0,100,5,0,0\n", "theo.csv row 2, ID 1: AMT 100 on a row that is not a dose (EVID 0); put the dose on its own row with EVID 1 (MDV 1)", #line),
            ("ID,TIME,AMT,DV,MDV\n1,0,100,5,0\n", "theo.csv row 2, ID 1: AMT 100 on a row that is not a dose (MDV 0); put the dose on its own row with EVID 1 (MDV 1)", #line),
            (h + "1,0,100,.,7,1\n", "theo.csv row 2, ID 1: EVID 7 is not one of 0–4; use 0 observation, 1 dose, 2 other, 3 reset, 4 reset and dose", #line),
            (h + "1,0,100,.,1.5,1\n", "theo.csv row 2, ID 1: EVID is 1.5, not a whole number; use a whole number", #line),
            ("ID,TIME,AMT,RATE,DV\n1,0,0,10,.\n", "theo.csv row 2, ID 1: RATE 10 with AMT 0; RATE applies to doses only: set RATE 0, or give the amount in AMT", #line),
            ("ID,TIME,AMT,RATE,DV\n1,0,100,-2,.\n", "theo.csv row 2, ID 1: RATE -2 (modelled duration) is not supported; give the rate, or the duration in DUR", #line),
            ("ID,TIME,AMT,ADDL,DV\n1,0,100,3,.\n", "theo.csv row 2, ID 1: ADDL 3 without II; give the dosing interval II > 0", #line),
            ("ID,TIME,AMT,II,ADDL,DV\n1,0,100,12,1e9,.\n", "theo.csv row 2, ID 1: ADDL 1000000000 is more than 10000 additional doses; split the regimen over several dose rows", #line),
            (h + "1,0,100,.,1e300,1\n", "theo.csv row 2, ID 1: EVID 1000000000 is not one of 0–4; use 0 observation, 1 dose, 2 other, 3 reset, 4 reset and dose", #line),
            ("ID,TIME,AMT,ADDL,II,DV\n1,0,100,-5,12,.\n", "theo.csv row 2, ID 1: ADDL is negative (-5); give the number of additional doses (≥ 0)", #line),
            ("ID,TIME,AMT,SS,DV\n1,0,100,1,.\n", "theo.csv row 2, ID 1: SS 1 without II; give the dosing interval II > 0 for a steady-state dose", #line),
            ("ID,TIME,AMT,SS,II,DV\n1,0,100,2,12,.\n", "theo.csv row 2, ID 1: SS 2 is not supported; use SS 0, or 1 for steady state", #line),
            ("ID,TIME,AMT,DV,EVID\n1,0,0,.,1\n", "theo.csv row 2, ID 1: dose row (EVID 1) without an amount; give AMT > 0, or use EVID 2 for a record that is not a dose", #line),
            ("ID,TIME,AMT,DV,ROUTE\n1,0,100,.,nasal\n", "theo.csv row 2, ID 1: ROUTE 'nasal' not understood; use oral or iv", #line),
            ("ID,TIME,AMT,DV,BLQ\n1,0,100,.,0\n1,1,0,0.1,-1\n", "theo.csv row 3, ID 1: BLQ is -1; use 1 for below the LLOQ and 0 otherwise (upper censoring is not supported)", #line),
            ("ID,TIME,AMT,RATE,DUR,DV\n1,0,100,10,5,.\n", "theo.csv row 2, ID 1: DUR 5 disagrees with AMT/RATE = 10; give either RATE or DUR", #line),
            ("ID;TIME;AMT;DV\n1;0;100;.\n", "theo.csv row 1: the header is separated by semicolons, not commas; save the table as comma-separated values (CSV)", #line),
            ("ID TIME AMT DV\n1 0 100 .\n", "theo.csv row 1: the header is separated by spaces, not commas; save the table as comma-separated values (CSV)", #line),
            (h + "1,0,100,.,1,1\n2,0,100,.,1,1\n2,1,0,3,0,0\n1,4,0,3,0,0\n1,5,0,2,0,0\n", "theo.csv row 5, ID 1: ID 1 appears again after other subjects (its row 2 comes earlier); keep each subject's rows together: sort by ID, TIME", #line),
            ("ID,TIME,AMT,DV,CMT\n1,0,100,.,x\n", "theo.csv row 2, ID 1: CMT is 'x', not a number; use a number, or . for missing", #line),
        ]
        for (text, expected, line) in cases {
            XCTAssertEqual(message(text), expected, line: line)
        }
    }

    func testTimeMayGoBackAfterReset() {
        XCTAssertEqual(message(header + "1,0,100,.,1,1\n1,4,0,3,0,0\n1,0,100,.,4,1\n1,1,0,2,0,0\n"), "no error")
    }

    func testErrorNamesRowSubjectAndColumn() throws {
        // IDs 1–10: rows 2–51; ID 11: rows 52–54; ID 12: dose at row 55, TIME 4.0 at row 56, TIME 3.5 at row 57.
        var rows = ["ID,TIME,AMT,DV"]
        for id in 1...10 { for t in 0..<5 { rows.append(t == 0 ? "\(id),0,100,." : "\(id),\(t),0,\(10 - t)") } }
        rows += ["11,0,100,.", "11,1,0,5", "11,2,0,4", "12,0,100,.", "12,4.0,0,5", "12,3.5,0,4", "12,5,0,3"]
        XCTAssertEqual(rows[57 - 1], "12,3.5,0,4")
        let text = rows.joined(separator: "\n") + "\n"
        XCTAssertThrowsError(try NONMEMReader.read(text: text, fileName: "theo.csv")) { error in
            let e = error as! NONMEMImportError
            XCTAssertEqual(e.issues.count, 1)
            XCTAssertEqual(e.issues[0].row, 57)
            XCTAssertEqual(e.issues[0].subject, "12")
            XCTAssertEqual(e.issues[0].column, "TIME")
            XCTAssertEqual(e.issues[0].kind, .timeBackwards)
            XCTAssertEqual(e.description, "theo.csv row 57, ID 12: TIME goes backwards (3.5 after 4); sort by ID, TIME")
        }
    }

    func testCollectsUpToTenErrorsAndCountsAll() throws {
        var text = header
        for id in 1...15 { text += "\(id),0,-1,.,1,1\n" }
        XCTAssertThrowsError(try NONMEMReader.read(text: text, fileName: "many.csv")) { error in
            let e = error as! NONMEMImportError
            XCTAssertEqual(e.issues.count, 10)
            XCTAssertEqual(e.totalIssues, 15)
            XCTAssertEqual(e.issues.map(\.row), Array(2...11))
            XCTAssertTrue(e.description.hasPrefix("many.csv: 15 errors, nothing imported\n  many.csv row 2, ID 1: AMT is negative (-1)"))
            XCTAssertTrue(e.description.hasSuffix("… and 5 more"))
        }
    }
}
