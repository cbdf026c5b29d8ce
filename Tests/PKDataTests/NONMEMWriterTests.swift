import XCTest
@testable import PKData

final class NONMEMWriterTests: XCTestCase {
    func testExportOfShippedDatasetsReproducesTheFiles() throws {
        for (text, name) in [(Fixtures.theophylline, "theophylline.csv"), (Fixtures.indomethacin, "indomethacin.csv")] {
            let imp = try NONMEMReader.read(text: text, fileName: name)
            let out = NONMEMWriter.write(imp)
            XCTAssertEqual(out, text, name)
            let again = try NONMEMReader.read(text: out, fileName: name)
            XCTAssertEqual(again.records, imp.records)
            XCTAssertEqual(again.columns, imp.columns)
        }
    }

    func testImportIsCodableAndRecordsAloneReproduceTheFile() throws {
        let imp = try NONMEMReader.read(text: Fixtures.theophylline, fileName: "theophylline.csv")
        let decoded = try JSONDecoder().decode(NONMEMImport.self, from: JSONEncoder().encode(imp))
        XCTAssertEqual(decoded.report, imp.report)
        XCTAssertEqual(decoded.records, imp.records)
        XCTAssertEqual(NONMEMWriter.write(columns: decoded.columns, records: decoded.records), Fixtures.theophylline)
    }

    func testExportKeepsRecordsOfSyntheticFiles() throws {
        let text = """
        ID,TIME,AMT,RATE,II,ADDL,DV,EVID,MDV,CMT,WT,SEX,SITE
        1,0,100,50,12,3,.,1,1,1,70.5,M,"Lyon, FR"
        1,1,0,0,0,0,4.10,0,0,1,70.5,M,"Lyon, FR"
        1,30,0,0,0,0,.,2,1,.,72,M,"Lyon, FR"
        1,40,0,0,0,0,1.5E-1,0,0,1,72,M,"Lyon, FR"
        # excluded

        2,0,100,0,0,0,.,1,1,1,80, F ,Paris
        2,2,0,0,0,0,1.2,0,0,1,80, F ,Paris

        """
        let imp = try NONMEMReader.read(text: text, fileName: "syn.csv")
        XCTAssertEqual(imp.study.subjects[0].doses.count, 4)
        XCTAssertEqual(imp.study.subjects[0].timeVaryingCovariates["WT"]?.map(\.time), [0, 30])
        let out = NONMEMWriter.write(imp)
        let again = try NONMEMReader.read(text: out, fileName: "syn.csv")
        XCTAssertEqual(again.records.map(\.values), imp.records.map(\.values))
        XCTAssertTrue(out.contains("\"Lyon, FR\""))
        XCTAssertTrue(out.contains("4.10,0,0,1"), "values are kept as written")
        assertSameStudy(again.study, imp.study)
    }

    func testCanonicalExportOfImportedStudiesReadsBackTheSame() throws {
        for (text, name) in [(Fixtures.theophylline, "theophylline.csv"), (Fixtures.indomethacin, "indomethacin.csv")] {
            let imp = try NONMEMReader.read(text: text, fileName: name)
            let canonical = NONMEMWriter.write(study: imp.study)
            let back = try NONMEMReader.read(text: canonical, fileName: name)
            assertSameStudy(back.study, imp.study)
            XCTAssertEqual(back.report.subjects.map(\.preDoseObservations), imp.report.subjects.map(\.preDoseObservations))
        }
    }

    func testCanonicalExportOfSimulatedStudy() throws {
        let s1 = Subject(id: "1",
                         doses: [Dose(time: 0, amount: 100, route: .oral), Dose(time: 12, amount: 100, route: .oral)],
                         observations: [Observation(time: 0.5, value: 1.234567891), Observation(time: 1, value: 0.2, output: 1),
                                        Observation(time: 24, value: 0.05, censored: true, lloq: 0.05)],
                         covariates: ["WT": 70, "CRCL": 100],
                         timeVaryingCovariates: ["CRCL": [CovariateChange(time: 0, value: 100), CovariateChange(time: 6, value: 80)]])
        let s2 = Subject(id: "2",
                         doses: [Dose(time: 0, amount: 250, route: .iv, duration: 0.7), Dose(time: 24, amount: 50, route: .iv, steadyState: true, interval: 24)],
                         observations: [Observation(time: 0.7, value: 12), Observation(time: 3, value: 4.5)],
                         covariates: ["WT": 82.25])
        let study = Study(name: "sim", subjects: [s1, s2])
        let text = NONMEMWriter.write(study: study)
        XCTAssertTrue(text.hasPrefix("ID,TIME,AMT,RATE,DUR,DV,MDV,EVID,CMT,ROUTE,SS,II,BLQ,LLOQ,CRCL,WT\n"))
        XCTAssertTrue(text.contains("\n1,6,0,0,0,.,1,2,.,.,0,0,.,.,80,70\n"), "EVID 2 row at the covariate change")
        let back = try NONMEMReader.read(text: text, fileName: "sim.csv")
        assertSameStudy(back.study, study)
        XCTAssertEqual(back.study.subjects[0].doses.map(\.compartment), [1, 1])
        XCTAssertEqual(back.study.subjects[1].doses.map(\.compartment), [2, 2])
    }
}
