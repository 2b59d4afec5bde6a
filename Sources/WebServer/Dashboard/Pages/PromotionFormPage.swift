import Commerce
import Foundation
import Operations
import Persistence

/// Creating (`/promotions/new`, POST `/promotions`) and editing (`/promotions/:id/edit`, POST
/// `/promotions/:id`) a promotion: a type select with each type's fields, turned into the same
/// JSON the API takes and handed to the promotion service. A refusal shows the form again with
/// what was typed and the service's code, field and message (422); nothing is written.
enum PromotionFormPage {
    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/promotions/new", roles: Roles.catalogWriters) { request in
            let day = request.query("starts").flatMap { ShopClock(request.shop).start(ofDay: $0) == nil ? nil : $0 }
                ?? request.yunying.analytics.localDay(request.shop)
            return page(request, form: .new(starting: day), id: nil, error: nil)
        }
        dashboard.action("/promotions", roles: Roles.catalogWriters) { request in
            let form = PromotionForm(values: request.form)
            do {
                let json = try form.wire(currency: request.shop.currency, clock: ShopClock(request.shop), replacing: false)
                let record = try await request.yunying.promotions.create(request.shop, json: try bytes(json))
                return .redirect(calendarPath(record, request), notice: "promotion_created")
            } catch let error as any CodedError {
                return .page(page(request, form: form, id: nil, error: error))
            }
        }
        dashboard.page("/promotions/:id/edit", roles: Roles.catalogWriters) { request in
            let promotions = request.yunying.promotions
            let record = try await promotions.promotion(request.shop, id: request.parameter("id"))
            let form = PromotionForm(wire: try await promotions.wire(request.shop, record), currency: request.shop.currency, clock: ShopClock(request.shop))
            return page(request, form: form, id: IDPrefix.promotion.format(record.id), error: nil)
        }
        dashboard.action("/promotions/:id", roles: Roles.catalogWriters) { request in
            let promotions = request.yunying.promotions
            let current = try await promotions.promotion(request.shop, id: request.parameter("id"))
            let id = IDPrefix.promotion.format(current.id)
            let form = PromotionForm(values: request.form)
            do {
                let json = try form.wire(currency: request.shop.currency, clock: ShopClock(request.shop), replacing: true)
                let record = try await promotions.update(request.shop, id: id, json: try bytes(json))
                return .redirect(calendarPath(record, request), notice: "promotion_saved")
            } catch let error as any CodedError {
                return .page(page(request, form: form, id: id, error: error))
            }
        }
    }

    static func bytes(_ object: [String: Any]) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object))
    }

    /// The calendar month in which `record` starts.
    static func calendarPath(_ record: PromotionRecord, _ request: DashboardRequest) -> String {
        "/promotions?month=" + String(ShopClock(request.shop).day(record.startsAt).prefix(7))
    }

    /// The form with `form`'s values; with `error`, the service's refusal above it (status 422).
    static func page(_ request: DashboardRequest, form: PromotionForm, id: String?, error: (any CodedError)?) -> Page {
        let selected = form.type ?? .percentOff
        var context: [String: Any] = [
            "f": form.values,
            "action": id.map { "/promotions/" + $0 } ?? "/promotions",
            "cancel": id.map { "/promotions/" + $0 } ?? "/promotions",
            "currency": request.shop.currency.code,
            "types": PromotionForm.types.map { type in
                ["value": type.rawValue, "label": request.text("promo_type_" + type.rawValue), "selected": type == selected] as [String: Any]
            },
            "statuses": ["active", "disabled"].map { status in
                ["value": status, "label": request.text("promo_status_" + status), "selected": (form["status"] ?? "active") == status] as [String: Any]
            },
            "tr_repeating": form["tr_mode"] == "repeating",
            "tiers": (1...PromotionForm.tierRows).map { row in
                ["row": row, "threshold": form["tr_threshold_\(row)"] ?? "", "reduction": form["tr_reduction_\(row)"] ?? "",
                 "error": form.formField(for: error?.field) == "tr_threshold_\(row)" || form.formField(for: error?.field) == "tr_reduction_\(row)"]
                    as [String: Any]
            },
            "exclusive": form["exclusive"] != nil,
        ]
        if let error {
            let shown = APIError(error)
            context["error"] = shown.message
            context["error_code"] = shown.code
            context["error_field"] = shown.field as Any
            if let field = form.formField(for: shown.field) { context["err"] = [field: true] }
        }
        let title = request.text(id == nil ? "promo_new" : "promo_edit")
        return Page(title: title, template: "promotion_form", context: context, status: error == nil ? .ok : .unprocessableContent)
    }
}
