import ArgumentParser
import Workbench

struct NCACommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "nca",
        abstract: "Non-compartmental analysis per subject, with geometric mean and CV% rows.",
        discussion: "AUC by linear-up/log-down trapezoids; λz by log-linear regression on the terminal points with the "
            + "best adjusted R²; AUCinf = AUClast + Clast/λz; CL (or CL/F for oral doses) = dose / AUCinf.")
    @Argument(help: "The study.") var name: String

    static var positionalCompletions: [Completion] { [.studies] }

    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.nca(name) }
}
