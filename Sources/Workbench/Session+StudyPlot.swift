import Evaluation
import PKData

/// `study plot NAME [--subject ID] [--log]`.
extension Session {
    /// Concentration–time profiles of the parent output, one series per subject (or only `subject`).
    /// On a log axis non-positive concentrations cannot be drawn (the plot's legend says how many).
    public func studyPlot(_ name: String, subject: String? = nil, log: Bool = false) throws -> CommandResult {
        let study = try subject.map { try requireStudy(name, subject: $0).study } ?? requireStudy(name)
        var figure = PlotFigure.profiles(study: study, subjectIDs: subject.map { [$0] }, logY: log)
        if let subject { figure.title = "\(study.name), subject \(subject)" }
        return CommandResult([.plot(figure)])
    }
}
