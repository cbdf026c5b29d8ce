import TestData
import XCTest
import PKData
@testable import Evaluation

final class EvaluationReportTests: XCTestCase {
    func testReportWritesMarkdownAndFigures() throws {
        let study = try CSVTestLoader.load("theophylline.csv")
        let forecasters: [any Forecaster] = [PopulationMedianForecaster(), LastObservationForecaster()]
        let result = try Evaluation.run(study: study, forecasters: forecasters, given: [0, 2], seed: 3)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eval-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let md = dir.appendingPathComponent("theo.md")
        let files = try EvaluationReport(fitSubjects: 2).write(result: result, study: study, forecasters: forecasters, to: md)
        XCTAssertEqual(files.count, 1 + 2 * (2 + 1 + 1))
        let text = try String(contentsOf: md, encoding: .utf8)
        XCTAssertTrue(text.contains("| median | 2 | 12 |"))
        XCTAssertTrue(text.contains("![locf, subject 1](theo-figures/fit-locf-1.svg)"))
        for f in files.dropFirst() {
            let svg = try String(contentsOf: f, encoding: .utf8)
            XCTAssertTrue(svg.hasPrefix("<svg") && svg.contains("</svg>"), f.lastPathComponent)
        }
    }

    func testFiguresCarryTheProtocolSplit() throws {
        let study = try CSVTestLoader.load("theophylline.csv")
        let fig = try EvaluationFigures.individualFit(study: study, subjectID: "3", forecaster: LastObservationForecaster(), given: 2)
        XCTAssertEqual(fig.series.map(\.name), ["median", "given", "hidden"])
        XCTAssertEqual(fig.series[1].points.count, 3) // the pre-dose sample + 2 given
        XCTAssertEqual(fig.series[2].points.count, 8)
        // LOCF: the median is the last given value everywhere.
        XCTAssertTrue(fig.series[0].points.allSatisfy { $0.y == fig.series[1].points.last!.y })
        XCTAssertThrowsError(try EvaluationFigures.individualFit(study: study, subjectID: "99", forecaster: LastObservationForecaster(), given: 1))

        let vpc = try EvaluationFigures.vpc(study: study, forecaster: PopulationMedianForecaster(), bins: 5)
        XCTAssertEqual(vpc.bands.count, 3)
        XCTAssertEqual(vpc.bands[1].x.count, 5)
        XCTAssertTrue(zip(vpc.bands[1].lower, vpc.bands[1].upper).allSatisfy { $0 <= $1 })
        XCTAssertEqual(vpc.series[0].points.count, 120)

        let result = try Evaluation.run(study: study, forecasters: [PopulationMedianForecaster()], given: [1, 3])
        XCTAssertEqual(EvaluationFigures.goodnessOfFit(result: result, forecaster: "median", given: 3).series[1].points.count, 84)
    }
}
