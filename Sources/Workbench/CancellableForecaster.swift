import PKData

/// Wraps a forecaster so that a long evaluation stops at the next forecast once the session is cancelled
/// (Ctrl-C), and reports each forecast to `onForecast`.
struct CancellableForecaster: Forecaster {
    let base: any Forecaster
    let session: Session
    let onForecast: () -> Void
    var name: String { base.name }

    func forecast(_ request: ForecastRequest) throws -> Forecast {
        try session.checkCancelled()
        defer { onForecast() }
        return try base.forecast(request)
    }
}
