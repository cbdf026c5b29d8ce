/// One peripheral compartment of a mammillary model, exchanging with the central compartment.
/// Rates are first-order (1/time): `k1p` central → peripheral, `kp1` peripheral → central.
/// In clearance terms: k1p = Q/V, kp1 = Q/Vp.
public struct Peripheral: Hashable, Codable, Sendable {
    public var k1p: Double
    public var kp1: Double
    public init(k1p: Double, kp1: Double) { self.k1p = k1p; self.kp1 = kp1 }
}
