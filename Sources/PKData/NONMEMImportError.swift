/// A NONMEM file that was refused as a whole. Nothing of it is imported.
///
/// `issues` holds up to `NONMEMImportOptions.maxErrors` problems in file order; `totalIssues` counts all.
/// The description puts the file name before each issue:
/// `theo.csv row 57, ID 12: TIME goes backwards (3.5 after 4.0); sort by ID, TIME`.
public struct NONMEMImportError: Error, CustomStringConvertible, Sendable {
    public var fileName: String
    public var issues: [NONMEMIssue]
    public var totalIssues: Int

    public init(fileName: String, issues: [NONMEMIssue], totalIssues: Int? = nil) {
        self.fileName = fileName; self.issues = issues; self.totalIssues = totalIssues ?? issues.count
    }

    public var description: String {
        let lines = issues.map { issue -> String in
            issue.row == nil && issue.subject == nil ? "\(fileName): \(issue)" : "\(fileName) \(issue)"
        }
        if issues.count == 1 && totalIssues == 1 { return lines[0] }
        var text = "\(fileName): \(totalIssues) errors, nothing imported\n" + lines.map { "  " + $0 }.joined(separator: "\n")
        if totalIssues > issues.count { text += "\n  … and \(totalIssues - issues.count) more" }
        return text
    }
}

extension NONMEMImportError: LocalizedError {
    public var errorDescription: String? { description }
}

import Foundation
