/// Parses the `--given` list of observation counts k: "0-4", "0,1,3", "2", "0-2,4" (ascending, distinct).
public enum GivenList {
    public static func parse(_ text: String) throws -> [Int] {
        var ks = Set<Int>()
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            switch bounds.count {
            case 1 where bounds[0] != nil && bounds[0]! >= 0: ks.insert(bounds[0]!)
            case 2 where bounds[0] != nil && bounds[1] != nil && 0 <= bounds[0]! && bounds[0]! <= bounds[1]!:
                for k in bounds[0]!...bounds[1]! { ks.insert(k) }
            default:
                throw WorkbenchError("cannot read given observation counts '\(text)' (at '\(part)')",
                                     hint: "write counts k ≥ 0 as a range and/or list, e.g. 0-4 or 0,2,4")
            }
        }
        guard !ks.isEmpty else { throw WorkbenchError("no given observation count", hint: "e.g. --given 0-4") }
        return ks.sorted()
    }
}
