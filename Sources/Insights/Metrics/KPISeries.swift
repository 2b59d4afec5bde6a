/// KPIs per calendar bucket (`report kpis --by day|week|month`): each bucket is clipped to the
/// period and reported as if it were a period of its own (WAU/MAU end on its last day).
public struct KPISeries: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// Start date of the calendar bucket, e.g. `"2026-11-02"`.
        public let label: String
        public let firstDay: Int32
        public let lastDay: Int32
        public let kpis: KPIReport
    }

    public let by: CalendarPeriod
    public let rows: [Row]

    public init(
        frame: EventFrame, orders: OrderFacts, period: ReportPeriod, calendar: ShopCalendar, by: CalendarPeriod
    ) {
        self.by = by
        let events = EventActivity(frame: frame, period: period, calendar: calendar, by: by)
        let keys = orders.customerKeys(frame: frame)
        rows = (0..<events.bucketCount).map { k in
            let first = events.bucketFirstDay[k], last = events.bucketLastDay[k]
            let o = OrderActivity(
                orders: orders, customerKey: keys,
                from: calendar.start(ofDay: first), to: calendar.start(ofDay: last + 1))
            return Row(
                label: calendar.label(ShopCalendar.bucket(ofDay: first, by), by),
                firstDay: first, lastDay: last, kpis: KPIReport(events: events, bucket: k, orders: o))
        }
    }
}
