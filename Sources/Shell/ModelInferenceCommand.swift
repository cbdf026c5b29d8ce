import ArgumentParser
import Workbench

struct ModelInferenceCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "inference", abstract: "Show or set how a model draws a subject's latent (its inference plan).",
        discussion: "PLAN is MODE[,MODE…][@BANDWIDTH][^WEIGHT][+screened][+selected][+calibrated], one MODE per number of given observations k = 0, 1, … "
            + "(the last holds above): amortized (the encoder alone), population (the study's subjects, weighted by the given "
            + "points), combined (the encoder with the study's population as its prior; the bandwidth widens it). "
            + "^WEIGHT (0 < WEIGHT ≤ 4, default 1) raises the likelihood of the given points to that power: below 1 trusts them less. "
            + "+screened withholds positive samples taken before the first dose when fewer than half the subjects show one (spurious, not carry-over). "
            + "+selected chooses, per study, how far to trust the given points (weight 1, 0.5, 0.2 or none) by forecasting the study's other subjects "
            + "from their own first points. "
            + "+calibrated rescales the intervals so that they cover 90 % when the study's other subjects are forecast the same way.")
    @Argument(help: "The model.") var name: String
    @Argument(help: ArgumentHelp("The new plan (omit to show the current one).", valueName: "plan")) var plan: String?
    static var positionalCompletions: [Completion] { [.models] }
    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.modelInference(name, plan: plan) }
}
