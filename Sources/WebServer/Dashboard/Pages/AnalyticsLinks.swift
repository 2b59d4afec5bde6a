import Operations

/// What the analytics pages (traffic, funnel, retention, products) share: tab links that change
/// some query parameters and keep the others, select options, the operator's names of channels,
/// devices, event types and category roles, and table cells that sort by their raw value.
enum AnalyticsLinks {
    /// The page's path with its current query (less a one-time notice and the language switch)
    /// and `values` set.
    static func link(_ request: DashboardRequest, setting values: [String: String]) -> String {
        let kept = (request.request.uri.query ?? "").split(separator: "&").filter { pair in
            let name = pair.prefix { $0 != "=" }
            return !name.isEmpty && name != "notice" && name != "lang"
        }
        let here = kept.isEmpty ? request.path : request.path + "?" + kept.joined(separator: "&")
        return DashboardResponder.appending(values, to: here)
    }

    /// Links that set `values` of each option in the current query; the option whose `name`
    /// value is `current` is marked active.
    static func tabs(
        _ request: DashboardRequest, name: String, current: String, options: [(values: [String: String], label: String)]
    ) -> [[String: Any]] {
        options.map { option in
            ["label": option.label, "href": link(request, setting: option.values), "active": option.values[name] == current]
        }
    }

    /// The period tabs of `window`, keeping the rest of the query (unlike `PeriodWindow.choices`).
    static func periodTabs(_ request: DashboardRequest, _ window: PeriodWindow, labels: [Int: String] = [:]) -> [[String: Any]] {
        tabs(request, name: "days", current: String(window.days), options: window.choiceDays.map { days in
            (["days": String(days)], labels[days] ?? request.text("period_\(days)"))
        })
    }

    /// `<option>`s of a select: value, label and whether it is the current one.
    static func options(_ choices: [(value: String, label: String)], selected: String) -> [[String: Any]] {
        var all = choices
        if !choices.contains(where: { $0.value == selected }) { all.append((selected, selected)) }
        return all.map { ["value": $0.value, "label": $0.label, "selected": $0.value == selected] }
    }

    /// The catalog's name of `key` + `name` (a channel, device, event type), else `name` itself.
    static func label(_ request: DashboardRequest, _ key: String, _ name: String) -> String {
        request.language.strings[key + name] ?? name
    }

    static func channel(_ request: DashboardRequest, _ name: String) -> String { label(request, "traffic_channel_", name) }
    static func device(_ request: DashboardRequest, _ name: String) -> String { label(request, "traffic_device_", name) }
    static func event(_ request: DashboardRequest, _ name: String) -> String { label(request, "funnel_event_", name) }

    /// `text` with each `{name}` replaced.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        values.reduce(text) { $0.replacingOccurrences(of: "{" + $1.key + "}", with: $1.value) }
    }

    /// A table cell: the shown text and the raw number the sortable table orders by.
    static func cell(_ text: String, _ value: Double?) -> [String: Any] {
        ["text": text, "value": value.map { ValueFormat.decimal($0, maxDecimals: 6) } ?? ""]
    }

    static func count(_ request: DashboardRequest, _ value: ReportValue?) -> [String: Any] {
        let number = value?.number ?? 0
        return cell(request.style.count(Int64(number)), number)
    }

    static func percent(_ request: DashboardRequest, _ value: ReportValue?) -> [String: Any] {
        guard let number = value?.number else { return cell("–", nil) }
        return cell(request.style.percent(number), number)
    }

    static func money(_ request: DashboardRequest, _ value: ReportValue?) -> [String: Any] {
        guard case .money(let amount, let currency)? = value else { return cell("–", nil) }
        return cell(request.style.money(amount, currency), Double(amount))
    }
}
