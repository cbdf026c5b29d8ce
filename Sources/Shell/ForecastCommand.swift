import ArgumentParser
import Workbench

struct ForecastCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast", abstract: "Forecast a subject zero-shot from the other subjects and its first K samples.",
        discussion: "The subject is the target (its doses, covariates, pre-dose samples and first K observations after the "
            + "first dose); every other subject of the study is the context. Columns: time, observed, given (1 for the "
            + "points the model saw), mean, median, q05, q95 (the 90 % predictive interval). Default times: the subject's "
            + "remaining observation times. Default model: the one chosen by `model use`, else `default`.")
    @Argument(help: "The study.") var study: String
    @Option(help: "The subject to forecast.") var subject: String
    @Option(help: "Observations after the first dose the model sees.") var given: Int
    @Option(help: "The model (default: `model use`, else default).") var model: String?
    @Option(help: ArgumentHelp("Comma-separated times to forecast at.", valueName: "t1,t2,…")) var times: String?
    @Option(help: "Latent samples pooled per time.") var samples: Int = 128
    @Flag(help: "Plot the observations, the median and the 90 % band.") var plot = false
    @Flag(help: "With --plot: logarithmic concentration axis.") var log = false
    @Option(help: "Output to forecast: 0 = parent, 1 = metabolite (two-output models).") var output = 0
    @Option(help: ArgumentHelp("How the subject's latent is drawn (default: the model's plan, see `model show`).",
                               valueName: "amortized|population|combined[@bandwidth][^weight][+screened][+selected][+calibrated]")) var inference: String?

    static var positionalCompletions: [Completion] { [.studies] }
    static var optionCompletions: [String: Completion] { ["--subject": .subjects, "--model": .models] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        var parsed: [Double]?
        if let times {
            parsed = try times.split(separator: ",").map { word in
                guard let t = Double(word.trimmingCharacters(in: .whitespaces)) else {
                    throw ShellFailure("--times: '\(word)' is not a number", hint: "e.g. --times 0.5,1,2,4,8")
                }
                return t
            }
        }
        return try context.session.forecast(study: study, subject: subject, given: given, model: model, times: parsed,
                                            samples: samples, plot: plot, logScale: log, output: output, inference: inference)
    }
}
