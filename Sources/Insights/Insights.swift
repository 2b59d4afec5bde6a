/// Insights: pure analytics over columnar in-memory frames (events, orders): KPIs, funnels,
/// retention, attribution, A/B experiment statistics. No I/O; time is passed in. Rules:
/// docs/analytics.md, docs/experiments.md.
public enum Insights {}
