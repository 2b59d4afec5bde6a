import Persistence

/// The navigation bar: each section's path, catalog key and the roles that may open it.
enum DashboardNav {
    struct Item: Sendable {
        let key: String
        let path: String
        let roles: Set<Role>
    }

    static let items: [Item] = [
        Item(key: "nav_overview", path: "/", roles: Roles.analysts),
        Item(key: "nav_traffic", path: "/traffic", roles: Roles.analysts),
        Item(key: "nav_funnel", path: "/funnel", roles: Roles.analysts),
        Item(key: "nav_retention", path: "/retention", roles: Roles.analysts),
        Item(key: "nav_products", path: "/products", roles: Roles.analysts),
        Item(key: "nav_inventory", path: "/inventory", roles: Roles.everyone),
        Item(key: "nav_promotions", path: "/promotions", roles: Roles.everyone),
        Item(key: "nav_customers", path: "/customers", roles: Roles.everyone),
        Item(key: "nav_orders", path: "/orders", roles: Roles.everyone),
    ]

    /// Where a user lands after signing in: the first section their role may open.
    static func home(for role: Role) -> String {
        items.first { $0.roles.contains(role) }?.path ?? "/orders"
    }

    /// The nav entries `role` may open, `current` marked.
    static func menu(for role: Role, current: String, language: Language) -> [[String: Any]] {
        items.filter { $0.roles.contains(role) }.map { item in
            let active = item.path == "/" ? current == "/" : current == item.path || current.hasPrefix(item.path + "/")
            return ["path": item.path, "label": language.text(item.key), "active": active]
        }
    }
}
