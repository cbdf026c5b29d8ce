import Evaluation

/// Renders a figure as terminal text of at most `width`×`height` character cells (braille dots);
/// with colour on, series and bands get ANSI colours (cycling through six) and axes are dimmed.
enum PlotRendering {
    static let palette = ["34", "31", "32", "35", "36", "33"]

    static func render(_ figure: PlotFigure, width: Int, height: Int, color: Bool = false) -> String {
        let plot = TerminalPlot(figure, width: width, height: height, charset: .braille)
        let text = color ? plot.render(paint: paint) : plot.render()
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    static func paint(_ text: String, _ ink: TerminalPlot.Ink) -> String {
        let code: String
        switch ink {
        case .series(let i): code = palette[i % palette.count]
        case .band(let i): code = "2;" + palette[i % palette.count]
        case .axis: code = "2"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
