import PKData

/// An input to the compartment system at a time: a bolus amount or a change of a zero-order rate,
/// into the gut (oral) or the central compartment (IV). Doses become input events with
/// `InputEvent.events(for:parameters:)`; simulations may add others (e.g. carry-over before the first dose).
public struct InputEvent: Hashable, Sendable {
    public enum Target: Hashable, Sendable { case gut, central }
    public enum Kind: Hashable, Sendable {
        case bolus(Double)
        /// Added to the current zero-order rate (amount/time); an infusion is a +R at its start and −R at its end.
        case rateChange(Double)
    }
    public var time: Double
    public var target: Target
    public var kind: Kind

    public init(time: Double, target: Target, kind: Kind) { self.time = time; self.target = target; self.kind = kind }

    /// The events of explicit doses under `p`: oral doses go to the gut after `p.lag`, scaled by `p.f`; IV
    /// doses to the central compartment. A dose lasting `p.inputDuration(of:)` > 0 is a zero-order input
    /// (rate amount/duration). Sorted by time (stable); steady-state doses must be expanded first
    /// (`Simulator.expandSteadyState`).
    public static func events(for doses: [Dose], parameters p: PKParameters) -> [InputEvent] {
        events(for: doses, f: p.f, lag: p.lag, absorptionDuration: p.absorptionDuration)
    }

    /// `events(for:parameters:)` with the oral-dose parameters given apart.
    public static func events(for doses: [Dose], f: Double, lag: Double, absorptionDuration: Double = 0) -> [InputEvent] {
        var out: [InputEvent] = []
        out.reserveCapacity(doses.count * 2)
        for d in doses {
            let oral = d.route == .oral
            let t0 = oral ? d.time + lag : d.time
            let amount = oral ? d.amount * f : d.amount
            let target: Target = oral ? .gut : .central
            let duration = d.inputDuration(oralRelease: absorptionDuration)
            if duration > 0 {
                let rate = amount / duration
                out.append(InputEvent(time: t0, target: target, kind: .rateChange(rate)))
                out.append(InputEvent(time: t0 + duration, target: target, kind: .rateChange(-rate)))
            } else {
                out.append(InputEvent(time: t0, target: target, kind: .bolus(amount)))
            }
        }
        if !out.isSorted(by: { $0.time <= $1.time }) {
            out = out.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        }
        return out
    }
}

extension Array {
    func isSorted(by ordered: (Element, Element) -> Bool) -> Bool {
        if count < 2 { return true }
        for i in 1..<count where !ordered(self[i - 1], self[i]) { return false }
        return true
    }
}

extension Dose {
    /// How long the dose enters its compartment: its own duration, or `oralRelease` for an oral bolus.
    func inputDuration(oralRelease: Double) -> Double { route == .oral && duration == 0 ? oralRelease : duration }
}
