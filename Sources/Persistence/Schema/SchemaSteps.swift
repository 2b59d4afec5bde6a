/// One migration step: statements written once in SQLite's dialect (PostgreSQL runs them through
/// `PostgresDialect`), plus what only one of the stores needs.
struct SchemaStep: Sendable {
    let name: String
    let shared: [String]
    var sqliteOnly: [String] = []
    var postgresOnly: [String] = []
}

/// Every migration of both stores, in order. A step, once released, never changes: add a new one.
enum SchemaSteps {
    static let all: [SchemaStep] = [
        SchemaStep(name: "v1-commerce-core", shared: [CommerceSchema.core]),
        SchemaStep(name: "v2-promotions", shared: [PromotionSchema.promotions]),
        SchemaStep(
            name: "v3-analytics", shared: [AnalyticsSchema.analytics, ImportSchema.imports],
            postgresOnly: PostgresEventSchema.statements),
        // Bumped with every write pricing depends on (see `bumpPricingVersion`).
        SchemaStep(name: "v4-pricing-version", shared: ["ALTER TABLE shops ADD COLUMN pricing_version INTEGER NOT NULL DEFAULT 0"]),
        SchemaStep(name: "v5-experiments", shared: [ExperimentSchema.experiments]),
        SchemaStep(name: "v6-membership", shared: [MembershipSchema.membership]),
        SchemaStep(name: "v7-crm", shared: [CRMSchema.crm]),
        SchemaStep(name: "v8-dashboard", shared: [DashboardSchema.dashboard]),
        SchemaStep(
            name: "v9-order-reads", shared: [AnalyticsSchema.orderIndexes],
            sqliteOnly: [SQLiteSchema.ordersVersion], postgresOnly: PostgresSchema.ordersVersion),
    ]
}
