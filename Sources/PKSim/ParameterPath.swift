/// Piecewise-constant individual parameters over time: `parameters[k]` holds on [starts[k], starts[k+1]),
/// the first also before starts[0] and the last also after the final start. All pieces share one structure
/// (same number of peripherals, metabolite present or not). A constant path has a single piece.
public struct ParameterPath: Sendable {
    public private(set) var starts: [Double]
    public private(set) var parameters: [PKParameters]

    public init(constant p: PKParameters) { starts = [0]; parameters = [p] }

    /// `starts` strictly increasing, one parameter set per start.
    public init(starts: [Double], parameters: [PKParameters]) {
        precondition(!starts.isEmpty && starts.count == parameters.count, "ParameterPath: one parameter set per start")
        self.starts = starts; self.parameters = parameters
    }

    public var isConstant: Bool { parameters.count == 1 }
    public var first: PKParameters { parameters[0] }

    /// Index of the piece in force at time t: the last piece whose start is ≤ t (0 before the first start).
    public func piece(at t: Double) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= t { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    public func parameters(at t: Double) -> PKParameters { parameters[piece(at: t)] }
}
