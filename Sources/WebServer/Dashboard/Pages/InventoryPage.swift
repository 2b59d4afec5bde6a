import Commerce
import Operations
import Persistence

/// Inventory: SKUs at or below their low-stock threshold, stock held by unpaid orders, the stock
/// ledger (newest first, paged, filtered by SKU code) and, for roles that may, the form that
/// adjusts on-hand stock through `InventoryService.adjust` like `POST /api/v1/inventory/adjustments`.
enum InventoryPage {
    /// Who may adjust: the roles of `POST /api/v1/inventory/adjustments`.
    static let adjustRoles = Roles.catalogWriters
    static let ledgerPageSize = 50

    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/inventory", roles: Roles.everyone) { request in
            try await page(request, refused: nil)
        }
        dashboard.action("/inventory/adjust", roles: adjustRoles) { request in
            let input: AdjustStock
            do {
                input = try adjustment(request)
                _ = try await request.yunying.inventory.adjust(request.shop, input)
            } catch let error as any CodedError {
                return .page(try await page(request, refused: FormError(error)))
            }
            return .redirect(skuHref(input.sku), notice: "inventory_adjusted")
        }
    }

    /// The adjustment the form asks for; a delta that is not a whole number is refused on `delta`.
    static func adjustment(_ request: DashboardRequest) throws -> AdjustStock {
        let text = request.field("delta") ?? ""
        guard let delta = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
            throw CommerceError.invalid("delta", "delta must be a whole number of units, like 12 or -3.", code: "invalid_quantity")
        }
        return AdjustStock(
            sku: request.field("sku") ?? "", warehouse: request.field("warehouse"), delta: delta,
            reason: request.field("reason") ?? "", note: request.field("note"))
    }

    /// The page; after a refused adjustment, with the error and the values typed (status 422).
    static func page(_ request: DashboardRequest, refused: FormError?) async throws -> Page {
        let inventory = request.yunying.inventory
        let shop = request.shop
        let skuFilter = request.query("sku")
        let movements = try await inventory.movements(
            shop, skuCode: skuFilter, page: PageRequest(limit: ledgerPageSize, startingAfter: try request.cursor(.movement)))
        let holds = try await inventory.holds(shop, skuCode: skuFilter)
        let low = try await inventory.lowStock(shop)
        let warehouses = try await inventory.warehouses(shop)
        let listings = try await inventory.listings(
            shop, skuIDs: movements.items.map(\.skuID) + holds.items.map(\.skuID) + low.map(\.sku.id))
        let warehouseCodes = Dictionary(uniqueKeysWithValues: warehouses.map { ($0.id, $0.code) })
        let now = request.yunying.time.now()
        let style = request.style

        let lowRows: [[String: Any]] = low.map { row in
            [
                "sku": row.sku.code, "sku_href": skuHref(row.sku.code), "title": listings[row.sku.id]?.productTitle ?? "",
                "available": style.count(row.level.available), "available_value": row.level.available,
                "on_hand": style.count(row.level.onHand), "on_hand_value": row.level.onHand,
                "held": style.count(row.level.held), "held_value": row.level.held,
                "allocated": style.count(row.level.allocated), "allocated_value": row.level.allocated,
                "threshold": style.count(row.sku.lowStockThreshold), "threshold_value": row.sku.lowStockThreshold,
                "out": row.level.available <= 0,
            ]
        }
        let holdRows: [[String: Any]] = holds.items.map { hold in
            [
                "order": IDPrefix.order.format(hold.orderID), "sku": hold.skuCode, "title": listings[hold.skuID]?.productTitle ?? "",
                "warehouse": warehouseCodes[hold.warehouseID] ?? IDPrefix.warehouse.format(hold.warehouseID),
                "quantity": style.count(hold.quantity), "quantity_value": hold.quantity,
                "expires": hold.expiresAt.map(request.localTime) ?? "", "expires_value": hold.expiresAt?.millisecondsSinceEpoch ?? 0,
                "expired": hold.expiresAt.map { $0 <= now } ?? false,
            ]
        }
        let ledgerRows: [[String: Any]] = movements.items.map { movement in
            var row: [String: Any] = [
                "time": request.localTime(movement.createdAt), "time_value": movement.createdAt.millisecondsSinceEpoch,
                "sku": listings[movement.skuID]?.sku.code ?? "", "sku_href": skuHref(listings[movement.skuID]?.sku.code ?? ""),
                "title": listings[movement.skuID]?.productTitle ?? "",
                "warehouse": warehouseCodes[movement.warehouseID] ?? IDPrefix.warehouse.format(movement.warehouseID),
                "reason": request.text("inventory_reason_" + movement.reason.rawValue),
                "on_hand": request.signed(movement.onHandDelta), "on_hand_value": movement.onHandDelta,
                "held": request.signed(movement.heldDelta), "held_value": movement.heldDelta,
                "allocated": request.signed(movement.allocatedDelta), "allocated_value": movement.allocatedDelta,
            ]
            if let order = movement.orderID { row["order"] = IDPrefix.order.format(order) }
            if let note = movement.note { row["note"] = note }
            return row
        }

        var context: [String: Any] = [
            "low_stock": lowRows, "holds": holdRows, "holds_more": holds.hasMore, "ledger": ledgerRows,
            "has_low_stock": !lowRows.isEmpty, "has_holds": !holdRows.isEmpty, "has_ledger": !ledgerRows.isEmpty,
            "pager": request.pager(
                filters: skuFilter.map { ["sku": $0] } ?? [:], lastID: movements.items.last.map { IDPrefix.movement.format($0.id) },
                hasMore: movements.hasMore),
        ]
        if let skuFilter { context["sku_filter"] = skuFilter }
        if request.may(adjustRoles) {
            context["adjust"] = adjustForm(request, warehouses: warehouses, refused: refused, skuFilter: skuFilter)
        }
        return Page(
            title: request.text("nav_inventory"), template: "inventory", context: context,
            status: refused == nil ? .ok : .unprocessableContent)
    }

    /// The page filtered to one SKU (the code percent-encoded: codes may contain `&` or `+`).
    static func skuHref(_ code: String) -> String {
        DashboardResponder.appending(["sku": code], to: "/inventory")
    }

    /// The adjustment form's values: what was typed (after a refusal) or the SKU being looked at.
    static func adjustForm(_ request: DashboardRequest, warehouses: [Warehouse], refused: FormError?, skuFilter: String?) -> [String: Any] {
        let typed = refused != nil
        let reason = typed ? request.field("reason") : nil
        let warehouse = typed ? request.field("warehouse") : nil
        var form: [String: Any] = [
            "sku": (typed ? request.field("sku") : skuFilter) ?? "",
            "delta": typed ? request.form["delta"] ?? "" : "",
            "note": typed ? request.field("note") ?? "" : "",
            "reasons": StockReason.manual.map { manual in
                ["value": manual.rawValue, "label": request.text("inventory_reason_" + manual.rawValue), "selected": manual.rawValue == reason]
            },
            "warehouses": warehouses.map { ["code": $0.code, "name": $0.name, "selected": $0.code == warehouse] },
            "several_warehouses": warehouses.count > 1,
        ]
        if let refused {
            form["error"] = refused.context
            if let field = refused.field { form["invalid_" + field] = true }
        }
        return form
    }
}
