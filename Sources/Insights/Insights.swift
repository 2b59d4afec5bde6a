/// Insights: pure analytics over columnar in-memory frames (events, orders): KPIs, funnels,
/// retention, attribution. No I/O; time is passed in. Rules: docs/analytics.md.
public enum Insights {}
