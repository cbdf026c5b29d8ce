/// Named parameter groups that covariate effects act on.
extension PKParameters {
    /// Parameter names accepted by `scale(named:by:)`.
    public static let effectTargets = ["CL", "V", "ka", "Q", "Vp", "F", "CLm", "Vm"]

    /// Multiplies a named parameter (group) by `factor`, keeping the others' meaning: "CL" (ke changes,
    /// V fixed), "V" (V and every volume-derived rate: ke and k1p scale by 1/factor, CL and Q fixed),
    /// "ka", "Q" (every inter-compartmental clearance), "Vp" (every peripheral volume), "F",
    /// "CLm", "Vm" (metabolite). Returns false for an unknown name.
    @discardableResult
    public mutating func scale(named name: String, by factor: Double) -> Bool {
        switch name {
        case "CL": ke *= factor
        case "V":
            v *= factor; ke /= factor
            for j in peripherals.indices { peripherals[j].k1p /= factor }
        case "ka": ka *= factor
        case "Q":
            for j in peripherals.indices { peripherals[j].k1p *= factor; peripherals[j].kp1 *= factor }
        case "Vp":
            for j in peripherals.indices { peripherals[j].kp1 /= factor }
        case "F": f *= factor
        case "CLm": if metabolite != nil { metabolite!.kem *= factor }
        case "Vm": if metabolite != nil { metabolite!.vm *= factor; metabolite!.kem /= factor }
        default: return false
        }
        return true
    }
}
