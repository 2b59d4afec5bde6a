/// Strings of the products page: SKU figures and category roles.
enum ProductsStrings {
    static let table: [String: DashboardStrings.Pair] = [
        "products_period": ("Period", "周期"),
        "products_skus": ("SKUs", "SKU 表现"),
        "products_skus_intro": (
            "SKUs with views, add-to-carts or paid orders in the period. Conversion = buyers ÷ viewers; margin rate = (revenue − cost) ÷ revenue; stock is what is available to sell now.",
            "本周期内有浏览、加购或支付订单的 SKU。转化率 = 购买人数 ÷ 浏览人数；毛利率 =（金额 − 成本）÷ 金额；库存为当前可售数量。"
        ),
        "products_sku": ("SKU", "SKU"),
        "products_title": ("Product", "商品"),
        "products_views": ("Views", "浏览量"),
        "products_conversion": ("Conversion", "转化率"),
        "products_units": ("Units", "销量"),
        "products_revenue": ("Revenue", "销售额"),
        "products_margin": ("Margin rate", "毛利率"),
        "products_stock": ("Available", "可售库存"),
        "products_low_stock": ("Low stock", "库存不足"),
        "products_categories": ("Category roles", "品类角色"),
        "products_categories_intro": (
            "Each category is compared with the median of the shop's categories: traffic driver — traffic share ≥ {traffic_driver}× median and margin below median; high margin — margin ≥ {high_margin}× median; high conversion — conversion ≥ {high_conversion}× median; rising star — traffic share ≤ {rising_star_traffic}× median and conversion ≥ {high_conversion}× median. A category can hold several roles or none.",
            "每个品类与店铺各品类的中位数比较：导流款——流量占比 ≥ 中位数的 {traffic_driver} 倍且毛利率低于中位数；高利润款——毛利率 ≥ 中位数的 {high_margin} 倍；高转化款——转化率 ≥ 中位数的 {high_conversion} 倍；未来明星款——流量占比 ≤ 中位数的 {rising_star_traffic} 倍且转化率 ≥ 中位数的 {high_conversion} 倍。一个品类可有多个角色，也可没有。"
        ),
        "products_quadrant_chart": ("Traffic share vs conversion", "流量占比与转化率"),
        "products_quadrant_chart_desc": ("One point per category, coloured by its first role; the dashed lines are the medians.", "每个点为一个品类，颜色为其首个角色；虚线为中位数。"),
        "products_traffic_share": ("Traffic share", "流量占比"),
        "products_quadrant_top_left": ("Few views, converts well", "流量小·转化高"),
        "products_quadrant_top_right": ("Many views, converts well", "流量大·转化高"),
        "products_quadrant_bottom_left": ("Few views, converts less", "流量小·转化低"),
        "products_quadrant_bottom_right": ("Many views, converts less", "流量大·转化低"),
        "products_category": ("Category", "品类"),
        "products_roles": ("Roles", "角色"),
        "products_role_traffic_driver": ("Traffic driver", "导流款"),
        "products_role_high_margin": ("High margin", "高利润款"),
        "products_role_high_conversion": ("High conversion", "高转化款"),
        "products_role_rising_star": ("Rising star", "未来明星款"),
        "products_role_none": ("No role", "无角色"),
        "products_no_categories": ("No categories with SKUs yet.", "暂无包含 SKU 的品类。"),
    ]
}
