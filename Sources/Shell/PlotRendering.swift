import Workbench

/// Renders a `Plot` as terminal text of about `width`×`height` character cells.
enum PlotRendering {
    static func render(_ plot: Plot, width: Int, height: Int) -> String {
        fatalError("terminal plots arrive with the data branch")
    }
}
