import PKData

/// A regimen constructed directly: `count` doses of `amount` every `interval` from `start`, the first
/// optionally a loading dose, by `route` (IV with `duration` > 0 is a zero-order infusion). `doses` gives
/// the explicit `Dose` list the simulator and `Subject` use.
public struct DosingRegimen: Hashable, Codable, Sendable {
    public var amount: Double
    public var route: DoseRoute
    public var count: Int
    public var interval: Double
    public var start: Double
    /// Amount of the first dose when different from `amount` (nil: no loading dose).
    public var loadingDose: Double?
    public var duration: Double

    public init(amount: Double, route: DoseRoute, count: Int = 1, interval: Double = 0, start: Double = 0,
                loadingDose: Double? = nil, duration: Double = 0) {
        precondition(count >= 1 && (count == 1 || interval > 0), "DosingRegimen: count ≥ 1 and interval > 0 for multiple doses")
        self.amount = amount; self.route = route; self.count = count; self.interval = interval
        self.start = start; self.loadingDose = loadingDose; self.duration = duration
    }

    public static func single(_ amount: Double, route: DoseRoute, at time: Double = 0, duration: Double = 0) -> DosingRegimen {
        DosingRegimen(amount: amount, route: route, start: time, duration: duration)
    }

    public var doseTimes: [Double] { (0..<count).map { start + Double($0) * interval } }

    public var doses: [Dose] {
        doseTimes.enumerated().map { k, t in
            Dose(time: t, amount: k == 0 ? (loadingDose ?? amount) : amount, route: route, duration: duration)
        }
    }
}
