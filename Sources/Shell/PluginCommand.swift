import ArgumentParser

/// `plugin …`: the registry of priors, covariate adapters and decoders.
struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "List, inspect and load plugins (priors, covariate adapters, decoders).",
        discussion: "Manifests in plugins/ (of the working directory and beside the workspace) load at start-up; "
            + "plugins/README.md describes the format.",
        subcommands: [PluginListCommand.self, PluginShowCommand.self, PluginLoadCommand.self])
}
