import Foundation
import Insights

/// What an experiment's result means, in English and Chinese: the primary metric's best
/// treatment against the control, what the interval and the chance to win say, and what they
/// do not. A sample-ratio mismatch comes first, because it voids the rest.
enum ExperimentWords {
    static func summary(sections: ExperimentResultSections, srm: SampleRatioCheck, definition: ExperimentDefinition) -> ReportValue {
        var english: [String] = [], chinese: [String] = []
        if srm.mismatch {
            english.append("Sample ratio mismatch (\(pValue(srm.pValue))): units did not split as the weights say, so the results below are not trustworthy until the cause (assignment, targeting or tracking) is found.")
            chinese.append("样本比例不匹配（\(pValue(srm.pValue))）：各组人数与设定的流量比例不符，在查明原因（分流、定向或埋点）之前，以下结果不可信。")
        }
        let metric = definition.primaryMetric.name
        guard let comparison = sections.primary, comparison.variants.count >= 2 else {
            english.append("Not enough data yet to compare the variants on \(metric).")
            chinese.append("数据不足，暂时无法比较各组的 \(metric)。")
            return pair(english, chinese)
        }
        let best = comparison.variants.dropFirst().max { $0.chanceToWin < $1.chanceToWin }!
        let control = comparison.variants[0].name
        let lift = percent(best.liftRelative), low = percent(best.ciLow), high = percent(best.ciHigh)
        let significant = (sections.adjusted[definition.primaryMetric.name + "/" + best.name] ?? best.pValue) < 0.05
        english.append(
            "On \(metric), \(best.name) differs from \(control) by \(lift) (95% CI \(low) to \(high), \(pValue(best.pValue))); the chance that \(best.name) beats \(control) is \(chance(best.chanceToWin)).")
        chinese.append(
            "在 \(metric) 上，\(best.name) 相对 \(control) 的变化为 \(lift)（95% 置信区间 \(low) 至 \(high)，\(pValue(best.pValue))）；\(best.name) 优于 \(control) 的概率为 \(chance(best.chanceToWin))。")
        if significant {
            english.append("The interval excludes zero: a difference this large would rarely arise by chance alone if the variants were equal.")
            chinese.append("区间不含 0：如果两组实际无差别，偶然出现这么大差异的可能性很小。")
        } else {
            english.append("The interval includes zero: the data do not rule out no difference; keep the test running or accept that the effect, if any, is small.")
            chinese.append("区间包含 0：数据不能排除“没有差别”，可继续实验，或接受效果即使存在也很小。")
        }
        english.append("The p-value is not the chance that the variant is better, and neither figure says the effect will hold for other periods or audiences.")
        chinese.append("p 值不是“该组更好的概率”；两个数字都不能说明效果在其他时期或人群中同样成立。")
        return pair(english, chinese)
    }

    private static func pair(_ english: [String], _ chinese: [String]) -> ReportValue {
        .object([("en", .string(english.joined(separator: " "))), ("zh", .string(chinese.joined()))])
    }

    /// A probability as a percentage that never rounds to a certainty.
    static func chance(_ value: Double) -> String {
        if value > 0.999 { return "> 99.9%" }
        if value < 0.001 { return "< 0.1%" }
        return percent(value, signed: false)
    }

    static func percent(_ value: Double, signed: Bool = true) -> String {
        guard value.isFinite else { return "n/a" }
        let text = String(format: "%.1f%%", value * 100)
        return signed && value > 0 ? "+" + text : text
    }

    /// `p < 0.001` or `p = 0.042`.
    static func pValue(_ value: Double) -> String {
        value < 0.001 ? "p < 0.001" : String(format: "p = %.3f", value)
    }
}
