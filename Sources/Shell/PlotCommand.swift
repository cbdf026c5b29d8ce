import ArgumentParser
import Workbench

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot", abstract: "Plot forecasts in the terminal: individual fit, goodness of fit, VPC.",
        subcommands: [PlotFitCommand.self, PlotGOFCommand.self, PlotVPCCommand.self])
}
