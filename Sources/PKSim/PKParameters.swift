import PKData

/// The parameters of a linear compartment model with first-order absorption (amounts in dose units,
/// rates in 1/time, volumes in amount/concentration units):
///
///     d gut/dt      = −ka·gut
///     d central/dt  = ka·gut − (ke + Σ k1p_j)·central + Σ kp1_j·periph_j   (+ infusion rate)
///     d periph_j/dt = k1p_j·central − kp1_j·periph_j
///     d met/dt      = fm·ke·central − kem·met                            (when `metabolite` is set)
///     parent concentration = central / V, metabolite concentration = met / Vm
///
/// Oral doses enter the gut scaled by the bioavailability `f` after the lag time `lag` — at once, or at a
/// constant rate over `absorptionDuration` when it is > 0 (sequential zero-/first-order absorption, NONMEM's
/// D1 into the depot); IV doses enter the central compartment unscaled. Clearance CL = ke·V.
public struct PKParameters: Hashable, Codable, Sendable {
    public var ka: Double
    public var ke: Double
    public var v: Double
    public var peripherals: [Peripheral]
    public var metabolite: MetaboliteParameters?
    /// Oral bioavailability in (0, 1].
    public var f: Double
    /// Oral absorption lag time (≥ 0).
    public var lag: Double
    /// Duration (≥ 0) of the zero-order release of an oral dose into the gut; 0 = the whole dose at once.
    /// An oral dose that records its own duration keeps it.
    public var absorptionDuration: Double

    public init(ka: Double, ke: Double, v: Double, peripherals: [Peripheral] = [],
                metabolite: MetaboliteParameters? = nil, f: Double = 1, lag: Double = 0, absorptionDuration: Double = 0) {
        self.ka = ka; self.ke = ke; self.v = v; self.peripherals = peripherals
        self.metabolite = metabolite; self.f = f; self.lag = lag; self.absorptionDuration = absorptionDuration
    }

    /// How long `dose` enters its compartment: its own duration, or for an oral bolus `absorptionDuration`.
    public func inputDuration(of dose: Dose) -> Double { dose.inputDuration(oralRelease: absorptionDuration) }

    /// Builds the rate constants from clearance-type parameters: CL, V and per peripheral (Q, Vp).
    public static func fromClearances(ka: Double, cl: Double, v: Double, peripherals: [(q: Double, vp: Double)] = [],
                                      metabolite: MetaboliteParameters? = nil, f: Double = 1, lag: Double = 0) -> PKParameters {
        PKParameters(ka: ka, ke: cl / v, v: v,
                     peripherals: peripherals.map { Peripheral(k1p: $0.q / v, kp1: $0.q / $0.vp) },
                     metabolite: metabolite, f: f, lag: lag)
    }

    /// Elimination clearance CL = ke·V.
    public var cl: Double { ke * v }
    /// Number of peripheral compartments P.
    public var peripheralCount: Int { peripherals.count }
    /// Number of outputs: 1 (parent) or 2 (parent, metabolite).
    public var outputCount: Int { metabolite == nil ? 1 : 2 }

    /// Scales every clearance (CL, each Q, CLm) by `clearance` and every volume (V, each Vp, Vm) by `volume`,
    /// keeping the model's structure: rate constants scale by clearance/volume, ka and fm are unchanged.
    public mutating func scale(clearance: Double, volume: Double) {
        let r = clearance / volume
        ke *= r
        v *= volume
        for j in peripherals.indices { peripherals[j].k1p *= r; peripherals[j].kp1 *= r }
        if metabolite != nil { metabolite!.kem *= r; metabolite!.vm *= volume }
    }
}
