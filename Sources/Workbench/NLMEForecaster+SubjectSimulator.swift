import Evaluation
import NLME

/// The NLME baseline generates subjects from its population fit, so its VPC is simulation-based.
extension NLMEForecaster: SubjectSimulator {}
