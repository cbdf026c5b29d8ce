import Evaluation

/// Renders a figure as terminal text of at most `width`×`height` character cells (braille dots).
enum PlotRendering {
    static func render(_ figure: PlotFigure, width: Int, height: Int) -> String {
        let text = TerminalPlot.render(figure, width: width, height: height, charset: .braille)
        return text.hasSuffix("\n") ? text : text + "\n"
    }
}
