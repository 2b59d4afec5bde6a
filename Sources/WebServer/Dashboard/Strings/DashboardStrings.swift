/// The dashboard's string catalogs: each area keeps its strings as English/Chinese pairs side by
/// side, so a key cannot exist in one language only; `en` and `zh` are built from all areas once.
enum DashboardStrings {
    typealias Pair = (en: String, zh: String)

    static let areas: [[String: Pair]] = [
        common, OverviewStrings.table, TrafficStrings.table, FunnelStrings.table, RetentionStrings.table, ProductsStrings.table,
        InventoryStrings.table, OrderStrings.table, PromotionStrings.table, CustomerStrings.table,
    ]

    static let en: [String: String] = merged { $0.en }
    static let zh: [String: String] = merged { $0.zh }

    static func merged(_ pick: (Pair) -> String) -> [String: String] {
        var all: [String: String] = [:]
        for area in areas { for (key, pair) in area { all[key] = pick(pair) } }
        return all
    }

    static let common: [String: Pair] = [
        "app_name": ("Yunying", "运营"),
        "nav_overview": ("Overview", "概览"),
        "nav_traffic": ("Traffic & channels", "流量与渠道"),
        "nav_funnel": ("Funnel", "漏斗"),
        "nav_retention": ("Retention", "留存"),
        "nav_products": ("Products", "商品"),
        "nav_inventory": ("Inventory", "库存"),
        "nav_promotions": ("Promotions", "促销"),
        "nav_customers": ("Customers", "用户"),
        "nav_orders": ("Orders", "订单"),
        "sign_in": ("Sign in", "登录"),
        "sign_out": ("Sign out", "退出"),
        "signin_intro": ("Sign in to run your shop.", "登录以管理你的店铺。"),
        "username": ("Username", "用户名"),
        "password": ("Password", "密码"),
        "language_en": ("English", "English"),
        "language_zh-CN": ("中文", "中文"),
        "role_admin": ("admin", "管理员"),
        "role_operator": ("operator", "运营"),
        "role_analyst": ("analyst", "分析师"),
        "role_service": ("customer service", "客服"),
        "role_viewer": ("viewer", "只读"),
        "role_ingest": ("ingest", "数据上报"),
        "error_title": ("Something needs attention", "操作未完成"),
        "error_code": ("Code", "错误码"),
        "error_field": ("Field", "字段"),
        "error_status": ("HTTP status", "HTTP 状态"),
        "error_csrf": ("The form had expired or did not come from this dashboard. Reload the page and try again.", "表单已过期或并非来自本后台，请刷新页面后重试。"),
        "error_forbidden": ("Your role may not open this page or do this.", "你的角色无权打开此页面或执行此操作。"),
        "error_internal": ("An internal error occurred; it has been logged.", "发生内部错误，已记录日志。"),
        "error_credentials": ("Unknown username or wrong password.", "用户名不存在或密码错误。"),
        "error_throttled": ("Too many failed sign-ins for this username. Wait 15 minutes and try again.", "该用户名登录失败次数过多，请 15 分钟后再试。"),
        "error_signin_expired": ("The sign-in form expired. Please try again.", "登录表单已过期，请重试。"),
        "error_link": ("This sign-in link is invalid, used or expired.", "此登录链接无效、已使用或已过期。"),
        "go_back": ("Back", "返回"),
        "period_today": ("Today", "今天"),
        "period_7": ("7 days", "7 天"),
        "period_30": ("30 days", "30 天"),
        "period_90": ("90 days", "90 天"),
        "from": ("From", "开始"),
        "to": ("To", "结束"),
        "apply": ("Apply", "应用"),
        "save": ("Save", "保存"),
        "no_data": ("No data for this period.", "该时段暂无数据。"),
        "next_page": ("Next page", "下一页"),
        "first_page": ("First page", "第一页"),
        "all": ("All", "全部"),
        "yes": ("yes", "是"),
        "no": ("no", "否"),
    ]
}
