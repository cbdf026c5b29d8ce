/// Errors of the AICMET module; each message names the object involved and a hint.
public enum AICMETError: Error, CustomStringConvertible, Equatable {
    case invalidSpec(String)
    case invalidInput(String)
    case weights(String)

    public var description: String {
        switch self {
        case .invalidSpec(let m), .invalidInput(let m), .weights(let m): return m
        }
    }
}
