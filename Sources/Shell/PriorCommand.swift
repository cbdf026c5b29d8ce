import ArgumentParser

/// `prior …`: the generative priors that synthetic training studies come from.
struct PriorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prior",
        abstract: "List, inspect, customise, export and plot the priors of synthetic studies.",
        discussion: "A prior id may be composed: BASE+metabolite, +multiple-dose, +infusion, +single-oral, +single-iv, "
            + "+sparse, +lag, +noisy, or +ADAPTER (e.g. two-compartment+metabolite+weight-allometric).",
        subcommands: [PriorListCommand.self, PriorShowCommand.self, PriorDeriveCommand.self, PriorExportCommand.self,
                      PriorPlotCommand.self])
}
