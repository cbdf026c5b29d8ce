import Evaluation

/// One piece of a command's output, rendered by the Shell in order.
public enum OutputBlock: Sendable {
    /// A table (aligned, CSV, JSON or Markdown depending on `.mode`).
    case table(Table)
    /// Plain text for the user (printed as is, followed by a newline).
    case text(String)
    /// A figure (rendered in the terminal with `TerminalPlot`, sized to it; `SVGPlot` for reports).
    case plot(PlotFigure)
    /// A diagnostic for stderr (warnings, notes); never part of machine-readable output.
    case note(String)
}
