/// Units declared for a study (free text, e.g. "h", "mg", "mg/L"); nil when not given.
public struct StudyUnits: Hashable, Codable, Sendable {
    public var time: String?
    public var amount: String?
    public var concentration: String?
    public init(time: String? = nil, amount: String? = nil, concentration: String? = nil) {
        self.time = time; self.amount = amount; self.concentration = concentration
    }
}

/// A population PK study: named subjects with their doses, observations and covariates.
public struct Study: Codable, Sendable {
    public var name: String
    public var subjects: [Subject]
    public var units: StudyUnits

    public init(name: String, subjects: [Subject], units: StudyUnits = StudyUnits()) {
        self.name = name; self.subjects = subjects; self.units = units
    }

    public func subject(id: String) -> Subject? { subjects.first { $0.id == id } }
}
