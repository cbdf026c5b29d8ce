import Foundation
import PKData

/// Writes an evaluation as a Markdown report with SVG figures.
///
/// Files: `markdownURL` (e.g. `notebooks/02-theophylline-forecast.md`) and, in the sibling folder
/// `<name>-figures/`, per forecaster: `fit-<forecaster>-<subject>.svg` (individual forecasts at k =
/// `fitGiven` for the first `fitSubjects` subjects), `gof-<forecaster>.svg` (observed vs predicted, all k),
/// `vpc-<forecaster>.svg` (visual predictive check). The Markdown links them relatively. Figures are
/// recomputed with the given forecasters (same seeds as the protocol); the table comes from `result`.
public struct EvaluationReport {
    public var fitGiven: Int
    public var fitSubjects: Int
    public var vpcBins: Int
    public var figureWidth: Double
    public var figureHeight: Double

    public init(fitGiven: Int = 2, fitSubjects: Int = 4, vpcBins: Int = 8, figureWidth: Double = 560, figureHeight: Double = 360) {
        self.fitGiven = fitGiven; self.fitSubjects = fitSubjects; self.vpcBins = vpcBins
        self.figureWidth = figureWidth; self.figureHeight = figureHeight
    }

    /// Writes the report and its figures; returns every file written (Markdown first).
    @discardableResult
    public func write(result: EvaluationResult, study: Study, forecasters: [any Forecaster], to markdownURL: URL) throws -> [URL] {
        let fm = FileManager.default
        let base = markdownURL.deletingPathExtension().lastPathComponent
        let dirName = base + "-figures"
        let dir = markdownURL.deletingLastPathComponent().appendingPathComponent(dirName)
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        var written: [URL] = []
        func save(_ figure: PlotFigure, _ file: String) throws -> String {
            let url = dir.appendingPathComponent(file)
            try SVGPlot.render(figure, width: figureWidth, height: figureHeight).write(to: url, atomically: true, encoding: .utf8)
            written.append(url)
            return "\(dirName)/\(file)"
        }
        var md = "# Forecast evaluation: \(result.study)\n\n" + result.markdown()
        md += "\nColumns: per-target log-RMSE mean ± SD (n − 1) over targets; pooled log-RMSE, RMSE (natural scale), "
            + "coverage of the 90 % interval and its interval score (α = 0.1) over all scored observations; failures = "
            + "targets not forecast; time = wall time of the row's forecasts (fits included).\n"
        let k = result.given.contains(fitGiven) ? fitGiven : (result.given.max() ?? 0)
        let subjects = study.subjects.prefix(fitSubjects).map(\.id)
        for f in forecasters {
            let slug = Self.slug(f.name)
            md += "\n## \(f.name)\n\n"
            md += "Individual forecasts at k = \(k) (given observations, hidden observations, median and 90 % band):\n\n"
            for id in subjects {
                let fig = try EvaluationFigures.individualFit(study: study, subjectID: id, forecaster: f, given: k, seed: result.seed)
                md += "![\(f.name), subject \(id)](\(try save(fig, "fit-\(slug)-\(Self.slug(id)).svg")))\n"
            }
            if result.predictions.contains(where: { $0.forecaster == f.name }) {
                let gof = EvaluationFigures.goodnessOfFit(result: result, forecaster: f.name, unit: study.units.concentration)
                md += "\nObserved vs predicted (all k, log–log):\n\n![\(f.name) goodness of fit](\(try save(gof, "gof-\(slug).svg")))\n"
            }
            let vpc = try EvaluationFigures.vpc(study: study, forecaster: f, seed: result.seed, bins: vpcBins)
            md += "\nVisual predictive check (" + (f is SubjectSimulator
                ? "200 studies simulated from the population fit; bands: 90 % ranges of the simulated 5/50/95th percentiles per time bin"
                : "each subject's k = 0 forecast; bands: range of the predicted 5/50/95 % quantiles per time bin")
                + "; lines: observed percentiles):\n\n![\(f.name) VPC](\(try save(vpc, "vpc-\(slug).svg")))\n"
            let warnings = Array(Set(result.rows.filter { $0.forecaster == f.name }.flatMap(\.warnings))).sorted()
            if !warnings.isEmpty {
                md += "\nWarnings (\(warnings.count) distinct" + (warnings.count > 10 ? ", first 10" : "") + "):\n\n"
                for w in warnings.prefix(10) { md += "- \(w)\n" }
            }
        }
        try md.write(to: markdownURL, atomically: true, encoding: .utf8)
        return [markdownURL] + written
    }

    /// A file-name-safe form of a name: letters, digits, '-', '_' and '.' kept, everything else '_'.
    static func slug(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }
}
