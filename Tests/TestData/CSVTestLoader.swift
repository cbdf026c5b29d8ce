import Foundation
import PKData

/// Test support shared by the test targets that read the public datasets.
/// Loads the shipped public CSVs with the NONMEM reader. `amountColumn` replaces every dose amount by that
/// covariate (e.g. DOSE_MGKG, R's `Theoph$Dose` in mg/kg) when not "AMT"; `route` overrides every dose's route.
public enum CSVTestLoader {
    public static let dataDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("workspace/datasets")

    public static func load(_ file: String, amountColumn: String = "AMT", route: DoseRoute? = nil) throws -> Study {
        let name = file.replacingOccurrences(of: ".csv", with: "")
        var study = try NONMEMReader.read(url: dataDirectory.appendingPathComponent(file),
                                          options: NONMEMImportOptions(studyName: name)).study
        for i in study.subjects.indices {
            let perKg = study.subjects[i].covariates[amountColumn]
            precondition(amountColumn == "AMT" || perKg != nil, "no covariate \(amountColumn) in \(file)")
            for j in study.subjects[i].doses.indices {
                if let a = perKg, amountColumn != "AMT" { study.subjects[i].doses[j].amount = a }
                if let r = route { study.subjects[i].doses[j].route = r }
            }
        }
        return study
    }
}
