/// Collects issues up to a limit while counting all of them.
struct NONMEMIssueList {
    let limit: Int
    private(set) var issues: [NONMEMIssue] = []
    private(set) var total = 0

    init(limit: Int) { self.limit = max(1, limit) }

    mutating func add(_ issue: NONMEMIssue) {
        total += 1
        if issues.count < limit { issues.append(issue) }
    }

    var isEmpty: Bool { total == 0 }
}
