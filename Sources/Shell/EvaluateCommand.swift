import ArgumentParser
import Workbench

struct EvaluateCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare forecasters on a study with the leave-one-subject-out protocol; stores the result.",
        discussion: "Each subject in turn is the target, given its first k post-dose observations; the others are the "
            + "context. Columns: per-subject log-RMSE (mean, SD), pooled log-RMSE, RMSE, 90 % coverage, interval score. "
            + "Point forecast = predictive median. Forecasters: nlme, nlme:MODEL (e.g. nlme:1cpt-combined), median, locf, "
            + "and saved AICMET models: NAME (its inference plan), NAME@PLAN (e.g. default@amortized), NAME+ft (finetuned "
            + "on each target's context first).")
    @Argument(help: "The study.") var name: String
    @Option(help: "Comma-separated forecaster names.") var forecasters = "nlme,median,locf"
    @Option(help: "Given observation counts k, e.g. 0-4 or 0,2,4.") var given = "0-4"
    @Option(help: "Also write a Markdown report with SVG figures to this file.") var report: String?

    static var positionalCompletions: [Completion] { [.studies] }
    static var optionCompletions: [String: Completion] {
        ["--forecasters": .values(ForecasterCatalog.standard.knownNames), "--report": .files]
    }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.evaluate(name, forecasters: forecasters, given: given, report: report, progress: context.progressHandler)
    }
}
