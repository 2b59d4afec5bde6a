/// Strings of the overview page and the KPI names other pages share.
enum OverviewStrings {
    static let table: [String: DashboardStrings.Pair] = [
        "kpi_gmv": ("GMV", "GMV（下单金额）"),
        "kpi_paid_revenue": ("Paid revenue", "支付金额"),
        "kpi_uv": ("UV", "访客数 UV"),
        "kpi_conversion_rate": ("Conversion", "转化率"),
        "kpi_aov_per_order": ("AOV", "客单价"),
        "kpi_repurchase_rate": ("Repurchase rate", "复购率"),
        "change_none": ("no earlier data", "无对比数据"),
        "overview_vs_previous": ("vs the previous period", "较上一周期"),
        "overview_vs_yesterday": ("today so far vs all of yesterday", "今日截至目前，对比昨日全天"),
        "overview_why": ("Why GMV changed", "GMV 变化原因"),
        "overview_trend": ("GMV trend", "GMV 趋势"),
        "overview_trend_desc": ("Placed GMV and paid revenue per day.", "每日下单 GMV 与支付金额。"),
        "overview_period": ("Period", "周期"),
        "overview_sparkline_desc": ("Daily values over the last two weeks or the chosen period.", "最近两周或所选周期内的每日数值。"),
    ]
}
