import Evaluation
import XCTest
@testable import Shell

final class PlotRenderingTests: XCTestCase {
    let figure = PlotFigure(title: "t", xLabel: "time (h)", yLabel: "conc",
                            series: [PlotSeries(name: "1", points: [PlotPoint(0, 1), PlotPoint(1, 2), PlotPoint(2, 1.5)])])

    func testPlainPlotFitsTheSizeAndHasNoEscapes() {
        let text = PlotRendering.render(figure, width: 72, height: 20)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertLessThanOrEqual(lines.count, 20)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 72 })
        XCTAssertFalse(text.contains("\u{1B}"))
    }

    func testColourOnlyAddsEscapes() {
        let plain = PlotRendering.render(figure, width: 60, height: 15)
        let coloured = PlotRendering.render(figure, width: 60, height: 15, color: true)
        XCTAssertTrue(coloured.contains("\u{1B}[34m"))
        let stripped = coloured.replacingOccurrences(of: #"\x1B\[[0-9;]*m"#, with: "", options: .regularExpression)
        XCTAssertEqual(stripped, plain)
    }
}
