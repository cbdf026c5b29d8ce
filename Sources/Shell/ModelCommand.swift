import ArgumentParser

/// `model …`: create, inspect, select, join, export, import and delete AICMET models.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Create, list, inspect, select, join, export, import and delete AICMET models.",
        subcommands: [ModelNewCommand.self, ModelListCommand.self, ModelShowCommand.self, ModelUseCommand.self, ModelInferenceCommand.self,
                      ModelJoinCommand.self, ModelExportCommand.self, ModelImportCommand.self, ModelDeleteCommand.self])
}
