import XCTest
import PKData
@testable import Evaluation

final class SVGPlotTests: XCTestCase {
    private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func testProfilesDrawOnePolylineAndOneCirclePerPoint() {
        let study = TerminalPlotTests.study()
        let svg = SVGPlot.render(.profiles(study: study), width: 640, height: 400)
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640.00\" height=\"400.00\""))
        XCTAssertTrue(svg.hasSuffix("</svg>\n"))
        XCTAssertEqual(count("<polyline", in: svg), 3)
        // 8 points per subject plus one legend marker for none (line-and-point series use a legend line).
        XCTAssertEqual(count("<circle", in: svg), 24)
        XCTAssertTrue(svg.contains(">time (h)</text>"))
        XCTAssertTrue(svg.contains(">concentration (mg/L)</text>"))
        XCTAssertEqual(svg, SVGPlot.render(.profiles(study: study), width: 640, height: 400), "deterministic")
    }

    func testPointsMapIntoThePlotArea() {
        // x 0…10 and y 0…10 on a 200×200 canvas: plot area x 64…184, y 16…148 (no title).
        let fig = PlotFigure(series: [PlotSeries(name: "p", points: [PlotPoint(0, 0), PlotPoint(10, 10)], style: .points)])
        let svg = SVGPlot.render(fig, width: 200, height: 200)
        XCTAssertTrue(svg.contains("<circle cx=\"64.00\" cy=\"148.00\""), svg)
        XCTAssertTrue(svg.contains("<circle cx=\"184.00\" cy=\"16.00\""), svg)
    }

    func testObservedVsPredictedHasDashedIdentityLine() {
        let fig = PlotFigure.observedVsPredicted(title: "obs <vs> pred", observed: [1, 2, 4, 0], predicted: [1.1, 1.7, 5, 0.3], log: true, unit: "mg/L")
        XCTAssertEqual(fig.series[0].points, [PlotPoint(1, 1), PlotPoint(5, 5)], "identity spans the joint positive range")
        XCTAssertEqual(fig.series[1].points.count, 3, "the pair with observed 0 is dropped on log axes")
        let svg = SVGPlot.render(fig)
        XCTAssertEqual(count("stroke-dasharray", in: svg), 1)
        XCTAssertTrue(svg.contains("obs &lt;vs&gt; pred"))
        XCTAssertTrue(svg.contains(">predicted (mg/L)</text>"))
        XCTAssertEqual(count("<circle", in: svg), 3 + 1, "three points and the legend marker")
    }

    func testVPCBandsTakeTheirPercentileColours() {
        let x = [1.0, 2, 4, 8]
        let fig = PlotFigure.vpc(title: "VPC", observed: [PlotPoint(1, 5), PlotPoint(2, 6)], x: x,
                                 simulated: [("p05 PI", [1, 1, 0.5, 0.2], [2, 2, 1, 0.4]), ("p50 PI", [3, 4, 2, 1], [5, 6, 3, 1.5]),
                                             ("p95 PI", [6, 7, 4, 2], [9, 10, 6, 3])],
                                 observedPercentiles: [("p05", [1.5, 1.5, 0.7, 0.3]), ("p50", [4, 5, 2.5, 1.2]), ("p95", [7, 8, 5, 2.5])])
        let svg = SVGPlot.render(fig)
        XCTAssertEqual(count("<polygon", in: svg), 3)
        XCTAssertEqual(count("<polyline", in: svg), 3)
        XCTAssertTrue(svg.contains("<polygon points=\"") && svg.contains("fill=\"\(SVGPlot.palette[1])\" fill-opacity=\"0.2\""))
        let text = TerminalPlot.render(fig, width: 70, height: 22)
        XCTAssertTrue(text.contains("░░ p50 PI"))
    }

    func testLogAxisSkipsNonPositiveValuesAndBreaksLines() {
        let fig = PlotFigure(logY: true, series: [PlotSeries(name: "s", points: [PlotPoint(0, 1), PlotPoint(1, 2), PlotPoint(2, 0),
                                                                                    PlotPoint(3, 4), PlotPoint(4, 8)], style: .line)])
        let svg = SVGPlot.render(fig)
        XCTAssertEqual(count("<polyline", in: svg), 2)
    }
}
