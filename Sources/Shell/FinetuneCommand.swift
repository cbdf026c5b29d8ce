import ArgumentParser
import Workbench

struct FinetuneCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "finetune", abstract: "Finetune a model on a study and save the result as a new model.",
        discussion: "Leave-one-subject-out targets from the study's subjects; about a quarter of the subjects are held "
            + "out for early stopping and the weights of the best validation step are kept. The new model records its "
            + "parent and the validation curve (`model show NEW`). With --folds F ≥ 2, F copies each hold out one fold "
            + "instead: the step is chosen on their pooled validation curve, the interval spread is measured on every subject, "
            + "and the new model trains on all subjects for that many steps (F + 1 finetunes). Ctrl-C cancels and saves nothing.")
    @Argument(help: "The model to start from.") var name: String
    @Option(help: "The study to finetune on.") var study: String
    @Option(help: "Name of the new model.") var into: String
    @Option(help: "Maximum optimisation steps (default 400).") var steps: Int?
    @Option(help: "Seed of the split and the training draws (default: the session seed).") var seed: UInt64?
    @Option(help: "Cross-validation folds (default 1: one split, a quarter held out).") var folds: Int?

    static var positionalCompletions: [Completion] { [.models] }
    static var optionCompletions: [String: Completion] { ["--study": .studies] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        // End the progress line before the result is printed (an interrupted run leaves it unfinished).
        defer { context.interpreter.progressBar.finish() }
        return try context.session.finetune(name, study: study, into: into, steps: steps, seed: seed, folds: folds,
                                          progress: context.progressHandler)
    }
}
