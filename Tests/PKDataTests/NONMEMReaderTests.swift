import XCTest
@testable import PKData

final class NONMEMReaderTests: XCTestCase {
    func testTheophyllineReadsAsOralWithPreDoseSamples() throws {
        let imp = try NONMEMReader.read(text: Fixtures.theophylline, fileName: "theophylline.csv",
                                        options: .init(amountUnit: "mg", dvUnit: "mg/L"))
        XCTAssertEqual(imp.study.name, "theophylline")
        XCTAssertEqual(imp.study.subjects.count, 12)
        XCTAssertEqual(imp.records.count, 144)
        XCTAssertEqual(imp.records.first?.row, 2)
        let s1 = try XCTUnwrap(imp.study.subject(id: "1"))
        XCTAssertEqual(s1.doses.count, 1)
        XCTAssertEqual(s1.doses[0].route, .oral)
        XCTAssertEqual(s1.doses[0].amount, 319.992, accuracy: 1e-12)
        XCTAssertEqual(s1.doses[0].row, 3)
        XCTAssertEqual(s1.observations.count, 11)
        XCTAssertEqual(s1.observations[0].value, 0.74)
        XCTAssertEqual(s1.observations[0].row, 2)
        XCTAssertEqual(s1.covariates["WT"], 79.6)
        XCTAssertTrue(s1.timeVaryingCovariates.isEmpty)
        XCTAssertEqual(imp.study.units.concentration, "mg/L")
        XCTAssertEqual(imp.report.subjects.first?.preDoseObservations, 1)
        XCTAssertEqual(imp.report.totalObservations, 132)
        XCTAssertEqual(imp.labels["1"]?["ROUTE"], nil, "ROUTE is a reserved column, not a label")
        let roles = Dictionary(uniqueKeysWithValues: imp.report.columns.map { ($0.name, $0.role) })
        XCTAssertEqual(roles["WT"], .constantCovariate)
        XCTAssertEqual(roles["ROUTE"], .reserved("ROUTE: dose route (oral/iv)"))
        XCTAssertTrue(imp.report.description.contains("WT: covariate, constant per subject"))
    }

    func testIndomethacinReadsAsIVBolus() throws {
        let imp = try NONMEMReader.read(text: Fixtures.indomethacin, fileName: "indomethacin.csv")
        XCTAssertEqual(imp.study.subjects.count, 6)
        for s in imp.study.subjects {
            XCTAssertEqual(s.doses.count, 1)
            XCTAssertEqual(s.doses[0].route, .iv)
            XCTAssertEqual(s.doses[0].amount, 50)
            XCTAssertEqual(s.observations.count, 11)
            XCTAssertTrue(s.observations.allSatisfy { $0.output == 0 })
        }
    }

    func testRouteFromCMTWithoutRouteColumn() throws {
        // Theoph layout (dose CMT 1, observed CMT 2) → oral; Indometh layout (dose and observation in CMT 1) → IV.
        let oral = try NONMEMReader.read(text: "ID,TIME,AMT,DV,CMT\n1,0,100,.,1\n1,1,0,5,2\n", fileName: "a.csv")
        XCTAssertEqual(oral.study.subjects[0].doses[0].route, .oral)
        let iv = try NONMEMReader.read(text: "ID,TIME,AMT,DV,CMT\n1,0,100,.,1\n1,1,0,5,1\n", fileName: "b.csv")
        XCTAssertEqual(iv.study.subjects[0].doses[0].route, .iv)
        XCTAssertTrue(iv.report.rules.contains("dose CMT 1 (the observed CMT 1 or above) read as IV"))
        // ROUTE wins over CMT.
        let routed = try NONMEMReader.read(text: "ID,TIME,AMT,DV,CMT,ROUTE\n1,0,100,.,1,iv\n1,1,0,5,2,iv\n", fileName: "c.csv")
        XCTAssertEqual(routed.study.subjects[0].doses[0].route, .iv)
    }

    func testDerivesEVIDAndMDVWhenAbsent() throws {
        let imp = try NONMEMReader.read(text: "ID,TIME,AMT,DV\n1,0,100,.\n1,0.5,.,3.2\n1,1,0,\n1,2,0,2.5\n", fileName: "d.csv")
        let s = imp.study.subjects[0]
        XCTAssertEqual(s.doses.map(\.time), [0])
        XCTAssertEqual(s.observations.map(\.time), [0.5, 2])
        XCTAssertTrue(imp.report.ignoredRows.isEmpty, "row 4 is an EVID 2 (other) row, not ignored")
    }

    func testADDLExpansionInfusionsAndSteadyState() throws {
        let text = """
        ID,TIME,AMT,RATE,II,ADDL,SS,DV,EVID,MDV,CMT
        1,0,100,50,12,3,0,.,1,1,1
        1,1,0,0,0,0,0,4.1,0,0,1
        1,48,200,0,24,0,1,.,1,1,1
        2,0,100,0,0,0,0,.,1,1,1
        2,2,0,0,0,0,0,1.2,0,0,1

        """
        let imp = try NONMEMReader.read(text: text, fileName: "e.csv")
        let s = imp.study.subjects[0]
        XCTAssertEqual(s.doses.map(\.time), [0, 12, 24, 36, 48])
        XCTAssertEqual(s.doses.map(\.duration), [2, 2, 2, 2, 0])
        XCTAssertEqual(s.doses.map(\.row), [2, nil, nil, nil, 4])
        XCTAssertEqual(s.doses[4].steadyState, true)
        XCTAssertEqual(s.doses[4].interval, 24)
        XCTAssertEqual(imp.report.subjects[0].expandedDoses, 3)
        XCTAssertEqual(imp.report.subjects[0].doses, 5)
        XCTAssertEqual(imp.report.subjects[1].expandedDoses, 0)
    }

    func testDurationColumnAndInfusionRoute() throws {
        let imp = try NONMEMReader.read(text: "ID,TIME,AMT,DUR,DV\n1,0,100,0.5,.\n1,1,0,0,3\n", fileName: "f.csv")
        XCTAssertEqual(imp.study.subjects[0].doses[0].duration, 0.5)
        XCTAssertEqual(imp.study.subjects[0].doses[0].route, .iv)
    }

    func testOutputsFromCMTAndDVIDAndCensoring() throws {
        let byCMT = try NONMEMReader.read(text: "ID,TIME,AMT,DV,CMT\n1,0,100,.,1\n1,1,0,5,2\n1,1,0,0.7,3\n", fileName: "g.csv")
        XCTAssertEqual(byCMT.study.subjects[0].observations.map(\.output), [0, 1])
        let byDVID = try NONMEMReader.read(text: "ID,TIME,AMT,DV,DVID,BLQ,LLOQ\n1,0,100,.,.,0,.\n1,1,0,5,1,0,0.1\n1,1,0,0.1,2,1,0.1\n",
                                           fileName: "h.csv")
        let obs = byDVID.study.subjects[0].observations
        XCTAssertEqual(obs.map(\.output), [0, 1])
        XCTAssertEqual(obs.map(\.censored), [false, true])
        XCTAssertEqual(obs[1].lloq, 0.1)
        XCTAssertEqual(byDVID.report.subjects[0].censoredObservations, 1)
    }

    func testCovariatesConstantTimeVaryingAndCategorical() throws {
        let text = "ID,TIME,AMT,DV,WT,CRCL,SEX,NOTE\n1,0,100,.,70,90,M,\n1,1,0,5,70,.,M,x\n1,24,0,2,70,60,M,\n2,0,100,.,80,100,F,\n2,2,0,3,80,100,F,\n"
        let imp = try NONMEMReader.read(text: text, fileName: "cov.csv")
        let s1 = imp.study.subjects[0]
        XCTAssertEqual(s1.covariates, ["WT": 70, "CRCL": 90])
        XCTAssertEqual(s1.timeVaryingCovariates["CRCL"], [CovariateChange(time: 0, value: 90), CovariateChange(time: 24, value: 60)])
        XCTAssertNil(s1.timeVaryingCovariates["WT"])
        XCTAssertEqual(imp.labels["1"], ["SEX": "M", "NOTE": "x"])
        XCTAssertEqual(imp.labels["2"], ["SEX": "F"])
        let roles = Dictionary(uniqueKeysWithValues: imp.report.columns.map { ($0.name, $0.role) })
        XCTAssertEqual(roles["WT"], .constantCovariate)
        XCTAssertEqual(roles["CRCL"], .timeVaryingCovariate)
        XCTAssertEqual(roles["SEX"], .categorical)
    }

    func testCaseInsensitiveNamesAndDuplicateWarning() throws {
        let imp = try NONMEMReader.read(text: "id,Time,amt,dv,time\n1,0,100,.,5\n1,1,0,4,6\n", fileName: "ci.csv")
        XCTAssertEqual(imp.study.subjects[0].observations.map(\.time), [1])
        XCTAssertEqual(imp.report.warnings.first, "columns Time and time both present: using Time (column 2); time (column 5) ignored")
        XCTAssertEqual(imp.report.columns[4].role, .ignored("duplicate of Time"))
    }

    func testIgnoredRowsAndResetOccasions() throws {
        let text = "ID,TIME,AMT,DV,EVID,MDV\n# comment\n1,0,100,.,1,1\n1,1,0,9,0,1\n\n1,2,0,4,0,0\n1,0,50,.,4,1\n1,1,0,2,0,0\n"
        let imp = try NONMEMReader.read(text: text, fileName: "r.csv")
        XCTAssertEqual(imp.report.ignoredRows.map(\.row), [2, 4, 5])
        XCTAssertEqual(imp.study.subjects.map(\.id), ["1", "1#2"])
        XCTAssertEqual(imp.study.subjects[1].doses.map(\.amount), [50])
        XCTAssertEqual(imp.study.subjects[1].observations.map(\.value), [2])
        XCTAssertEqual(imp.records.map(\.row), [3, 4, 6, 7, 8])
        // The same rows in two occasions are not duplicates.
        let twice = "ID,TIME,AMT,DV,EVID\n1,0,100,.,1\n1,1,0,5,0\n1,0,100,.,4\n1,1,0,5,0\n"
        XCTAssertEqual(try NONMEMReader.read(text: twice, fileName: "o.csv").study.subjects.map(\.id), ["1", "1#2"])
    }

    func testCRLFLineEndingsAndByteOrderMark() throws {
        let text = "\u{FEFF}ID,TIME,AMT,DV\r\n1,0,100,.\r\n1,1,0,4\r\n"
        let imp = try NONMEMReader.read(text: text, fileName: "w.csv")
        XCTAssertEqual(imp.columns, ["ID", "TIME", "AMT", "DV"])
        XCTAssertEqual(imp.records.map(\.values), [["1", "0", "100", "."], ["1", "1", "0", "4"]])
        XCTAssertEqual(NONMEMWriter.write(imp), "ID,TIME,AMT,DV\n1,0,100,.\n1,1,0,4\n")
    }

    func testDVOnRowsWithoutObservationIsReportedAsIgnored() throws {
        let imp = try NONMEMReader.read(text: "ID,TIME,AMT,DV,MDV\n1,0,100,.,1\n1,1,0,0.05,1\n1,2,0,4,0\n", fileName: "m.csv")
        XCTAssertEqual(imp.study.subjects[0].observations.map(\.time), [2])
        XCTAssertEqual(imp.report.ignoredRows, [.init(row: 3, subject: "1", reason: "DV 0.05 on a row with MDV 1 (EVID 2): DV not used")])
        XCTAssertTrue(imp.report.description.contains("row 3, ID 1: DV 0.05 on a row with MDV 1 (EVID 2): DV not used"))
    }

    func testStringIDsAndQuotedFieldsAreKept() throws {
        let imp = try NONMEMReader.read(text: "ID,TIME,AMT,DV,SITE\nS-01,0,100,.,\"Lyon, FR\"\nS-01,1,0,4,\"Lyon, FR\"\n", fileName: "q.csv")
        XCTAssertEqual(imp.study.subjects[0].id, "S-01")
        XCTAssertEqual(imp.labels["S-01"]?["SITE"], "Lyon, FR")
    }

    func testReadsFromURLWithFileStemAsName() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pkdata-\(UUID().uuidString).csv")
        try Fixtures.indomethacin.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let imp = try NONMEMReader.read(url: url, options: .init(studyName: "indo"))
        XCTAssertEqual(imp.study.name, "indo")
        XCTAssertEqual(imp.report.fileName, url.lastPathComponent)
    }
}

final class NONMEMInternalsTests: XCTestCase {
    func testFieldOrdinalsMatchAllCases() {
        XCTAssertEqual(NONMEMField.allCases.map(\.ordinal), Array(0..<NONMEMField.allCases.count))
    }

    func testLineAndFieldSplitting() {
        XCTAssertEqual(NONMEMCSV.lines("a\r\nb\rc\n\nd"), ["a", "b", "c", "", "d"])
        XCTAssertEqual(NONMEMCSV.lines("a\n"), ["a"])
        XCTAssertEqual(NONMEMCSV.fields("1,,µg/mL, x "), ["1", "", "µg/mL", " x "])
        XCTAssertEqual(NONMEMCSV.fields("1,\"a,b\",\"say \"\"hi\"\"\",2"), ["1", "a,b", "say \"hi\"", "2"])
        XCTAssertEqual(NONMEMCSV.escape("a,b"), "\"a,b\"")
    }

    func testStrictNumbers() {
        XCTAssertEqual(NONMEMCSV.number(" 1.5e-3 "), 0.0015)
        XCTAssertEqual(NONMEMCSV.number("-.5"), -0.5)
        XCTAssertEqual(NONMEMCSV.number("+2."), 2)
        for bad in ["nan", "inf", "0x10", "1e", "e5", "1.2.3", "--1", "1-", "8:30", "", ".", "1e400"] {
            XCTAssertNil(NONMEMCSV.number(bad), bad)
        }
    }
}

final class NONMEMImportReportTests: XCTestCase {
    func testDescribeTextSnapshot() throws {
        let text = """
        ID,TIME,AMT,II,ADDL,DV,MDV,CMT,WT,SEX,time
        1,0,100,12,2,.,1,1,70,M,0
        1,0.5,0,0,0,2.5,0,2,70,M,0

        1,30,0,0,0,0.4,1,2,72,M,0
        2,0,100,0,0,.,1,1,80,F,0
        2,1,0,0,0,3.1,0,2,80,F,0

        """
        let imp = try NONMEMReader.read(text: text, fileName: "demo.csv", options: .init(timeUnit: "h", amountUnit: "mg", dvUnit: "mg/L"))
        XCTAssertEqual(imp.report.description, """
        demo.csv: 2 subjects, 4 doses (2 from ADDL), 2 observations
        units: time h, amount mg, DV mg/L
        columns:
          ID: reserved (ID: subject ID)
          TIME: reserved (TIME: event time)
          AMT: reserved (AMT: dose amount)
          II: reserved (II: dosing interval)
          ADDL: reserved (ADDL: additional doses)
          DV: reserved (DV: observed value)
          MDV: reserved (MDV: missing-DV flag)
          CMT: reserved (CMT: compartment (dose route / observed output))
          WT: covariate, time-varying (carried forward)
          SEX: categorical label (not a covariate)
          time: ignored (duplicate of TIME)
        rules:
          output 0 = observations in CMT 2 (parent)
          dose CMT 1 (below the observed CMT 2) read as oral (depot)
        subjects (doses / from ADDL / observations / censored / pre-dose):
          1: 3 / 2 / 1 / 0 / 0
          2: 1 / 0 / 1 / 0 / 0
        ignored rows:
          row 4: blank line
          row 5, ID 1: DV 0.4 on a row with MDV 1 (EVID 2): DV not used
        warnings:
          columns TIME and time both present: using TIME (column 2); time (column 11) ignored
        """)
    }
}
