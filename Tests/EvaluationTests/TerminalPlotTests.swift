import XCTest
import PKData
@testable import Evaluation

final class TerminalPlotTests: XCTestCase {
    private let small = PlotFigure(title: "t", xLabel: "x", yLabel: "y", series: [
        PlotSeries(name: "a", points: [PlotPoint(0, 0), PlotPoint(4, 8)], style: .line),
        PlotSeries(name: "b", points: [PlotPoint(1, 6), PlotPoint(3, 2)], style: .points)])

    func testASCIISnapshot() {
        let expected = """
        t
        y
        10+
          |                  ...
          |     o       .....
         5+        .....
          |   .....       o
         0+...
          ++---------+---------+
           0         2         4
                     x
        .. a  o b
        """
        XCTAssertEqual(TerminalPlot.render(small, width: 24, height: 12, charset: .ascii), expected)
    }

    func testBrailleSnapshot() {
        let expected = """
        t
        y
        10┤
          │                  ⣀⠤⠒
          │     ○       ⢀⡠⠔⠒⠉
         5┤         ⣀⠤⠒⠉⠁
          │    ⣀⡠⠔⠊⠉      ○
         0┤⣀⠤⠒⠉
          └┬─────────┬─────────┬
           0         2         4
                     x
        ⠤⠤ a  ○ b
        """
        XCTAssertEqual(TerminalPlot.render(small, width: 24, height: 12), expected)
    }

    func testPaintWrapsRunsWithoutChangingTheText() {
        let fig = PlotFigure.profiles(study: Self.study())
        let plain = TerminalPlot.render(fig, width: 60, height: 16)
        var inks = Set<TerminalPlot.Ink>()
        let painted = TerminalPlot(fig, width: 60, height: 16).render { text, ink in
            inks.insert(ink)
            let tag: String
            switch ink { case .series(let i): tag = "s\(i)"; case .band(let j): tag = "b\(j)"; case .axis: tag = "a" }
            return "<\(tag)>" + text + "</>"
        }
        XCTAssertEqual(inks, [.axis, .series(0), .series(1), .series(2)])
        let stripped = painted.replacingOccurrences(of: "<[a-z0-9]+>|</>", with: "", options: .regularExpression)
        XCTAssertEqual(stripped, plain)
        XCTAssertTrue(painted.hasSuffix("<s0>●⠤</> 1  <s1>○⠤</> 2  <s2>◆⠤</> 3"))
    }

    func testBrailleDotsOfADiagonalLine() {
        // A line from the bottom-left to the top-right corner: the bottom-left cell holds dot 7 (x 0, y 3 → 0x40),
        // the top-right cell dot 4 (x 1, y 0 → 0x08).
        let fig = PlotFigure(series: [PlotSeries(name: "d", points: [PlotPoint(0, 0), PlotPoint(1, 1)], style: .line)])
        var canvas = TerminalPlotCanvas(cols: 4, rows: 2, charset: .braille)
        TerminalPlot(fig).draw(on: &canvas, x: PlotScale(min: 0, max: 1, log: false, ticks: [0, 1]),
                               y: PlotScale(min: 0, max: 1, log: false, ticks: [0, 1]))
        XCTAssertEqual(canvas.character(col: 0, row: 1).unicodeScalars.first!.value & 0x40, 0x40)
        XCTAssertEqual(canvas.character(col: 3, row: 0).unicodeScalars.first!.value & 0x08, 0x08)
        XCTAssertEqual(canvas.character(col: 3, row: 1), " ")
        XCTAssertEqual(canvas.character(col: 0, row: 0), " ")
    }

    func testOutputFitsTheRequestedSizeAndIsDeterministic() {
        let fig = PlotFigure.profiles(study: Self.study(), logY: false)
        for (w, h) in [(40, 12), (80, 24), (120, 40), (30, 8)] {
            for cs in TerminalPlot.Charset.allCases {
                let text = TerminalPlot.render(fig, width: w, height: h, charset: cs)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                XCTAssertLessThanOrEqual(lines.count, max(h, 3 + 2 + 4), "\(w)x\(h) \(cs)")
                XCTAssertTrue(lines.allSatisfy { $0.count <= w }, "\(w)x\(h) \(cs): a line is wider than \(w)")
                XCTAssertEqual(text, TerminalPlot.render(fig, width: w, height: h, charset: cs))
                if cs == .ascii { XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), "ASCII fallback is pure ASCII") }
            }
        }
        let text = TerminalPlot.render(fig, width: 80, height: 24)
        XCTAssertEqual(text.split(separator: "\n").count, 24)
        XCTAssertTrue(text.hasPrefix("study\nconcentration (mg/L)\n"))
        XCTAssertTrue(text.contains("time (h)"))
        XCTAssertTrue(text.hasSuffix("●⠤ 1  ○⠤ 2  ◆⠤ 3"))
    }

    func testLogAxisUsesDecadesAndReportsHiddenPoints() {
        let fig = PlotFigure.profiles(study: Self.study(), logY: true)
        let text = TerminalPlot.render(fig, width: 80, height: 24)
        XCTAssertTrue(text.contains(" 10┤") && text.contains("  1┤"), text)
        XCTAssertTrue(text.contains("(3 points ≤ 0 not shown on the log axis)"))
    }

    func testForecastBandIsShaded() {
        let fc = stride(from: 0.0, through: 24, by: 2).map { t -> ForecastPoint in
            let m = 10 * exp(-0.1 * t); return ForecastPoint(time: t, mean: m, median: m, q05: m * 0.5, q95: m * 1.5)
        }
        let fig = PlotFigure.individualFit(title: "ID 3", observed: [PlotPoint(1, 8), PlotPoint(12, 3)], forecast: fc)
        let text = TerminalPlot.render(fig, width: 60, height: 20)
        XCTAssertTrue(text.contains("░"))
        XCTAssertTrue(text.hasSuffix("● observed  ⠤⠤ median  ░░ 90% interval"))
        XCTAssertEqual(text.filter { $0 == "●" }.count, 3, "two observations and the legend marker")
        XCTAssertTrue(TerminalPlot.render(fig, width: 60, height: 20, charset: .ascii).contains(":"))
    }

    func testLegendWrapsToWidth() {
        let series = (1...12).map { PlotSeries(name: "subject-\($0)", points: [PlotPoint(Double($0), 1)]) }
        let text = TerminalPlot.render(PlotFigure(series: series), width: 40, height: 20)
        let lines = text.split(separator: "\n")
        XCTAssertTrue(lines.allSatisfy { $0.count <= 40 })
        XCTAssertTrue(lines.contains { $0.hasPrefix("●⠤ subject-1  ○⠤ subject-2") })
        XCTAssertTrue(lines.last!.contains("subject-12"))
    }

    func testDegenerateFiguresRenderWithoutCrashing() {
        let figures = [
            PlotFigure(),
            PlotFigure(series: [PlotSeries(name: "one", points: [PlotPoint(5, 5)])]),
            PlotFigure(series: [PlotSeries(name: "bad", points: [PlotPoint(.nan, 1), PlotPoint(1, .infinity), PlotPoint(2, 3)])]),
            PlotFigure(series: [PlotSeries(name: "huge", points: [PlotPoint(0, -1e308), PlotPoint(1, 1e308)])]),
            PlotFigure(logX: true, logY: true, series: [PlotSeries(name: "zero", points: [PlotPoint(0, 0), PlotPoint(-1, -2)])]),
            PlotFigure(bands: [PlotBand(name: "empty", x: [], lower: [], upper: [])]),
        ]
        for fig in figures {
            for cs in TerminalPlot.Charset.allCases {
                let text = TerminalPlot.render(fig, width: 30, height: 10, charset: cs)
                XCTAssertTrue(text.split(separator: "\n").allSatisfy { $0.count <= 30 }, text)
            }
            XCTAssertTrue(SVGPlot.render(fig).hasSuffix("</svg>\n"))
        }
        XCTAssertTrue(TerminalPlot.render(figures[1], width: 30, height: 10, charset: .ascii).contains("*"))
    }

    func testNiceScales() {
        let lin = PlotScale.nice((0.3, 9.7), log: false, targetTicks: 5)
        XCTAssertEqual(lin.ticks, [0, 2, 4, 6, 8, 10])
        XCTAssertEqual(lin.label(2), "2")
        let frac = PlotScale.nice((0.01, 0.23), log: false, targetTicks: 5)
        XCTAssertEqual(frac.ticks.map { frac.label($0) }, ["0.00", "0.05", "0.10", "0.15", "0.20", "0.25"])
        let wide = PlotScale.nice((0.05, 12), log: true, targetTicks: 5)
        XCTAssertEqual(wide.ticks, [0.01, 0.1, 1, 10, 100])
        let narrow = PlotScale.nice((2.5, 9), log: true, targetTicks: 5)
        XCTAssertEqual(narrow.ticks, [2, 5, 10])
        XCTAssertEqual(narrow.position(10)!, 1, accuracy: 1e-12)
        XCTAssertNil(narrow.position(0))
        let flat = PlotScale.nice((3, 3), log: false, targetTicks: 4)
        XCTAssertTrue(flat.min < 3 && flat.max > 3)
        XCTAssertEqual(PlotScale.nice(nil, log: false, targetTicks: 4).ticks, [0, 0.5, 1])
    }

    /// Three subjects, oral Bateman profiles sampled from t = 0 (C = 0 there).
    static func study() -> Study {
        let times: [Double] = [0, 0.5, 1, 2, 4, 8, 12, 24]
        let subjects = (1...3).map { i -> Subject in
            let ka = 1.0 + Double(i) * 0.4, k = 0.08 + 0.01 * Double(i)
            return Subject(id: "\(i)", doses: [Dose(time: 0, amount: 320, route: .oral)], observations: times.map {
                Observation(time: $0, value: 320 * ka / (30 * (ka - k)) * (exp(-k * $0) - exp(-ka * $0)))
            })
        }
        return Study(name: "study", subjects: subjects, units: StudyUnits(time: "h", concentration: "mg/L"))
    }
}
