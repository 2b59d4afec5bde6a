/// A proportion or a sample mean from sums (gbstats `ProportionStatistic`, `SampleMeanStatistic`).
struct MomentStatistic: Sendable, Equatable {
    var isProportion: Bool
    var n: Int
    var sum: Double
    var sumSquares: Double

    var mean: Double { n == 0 ? 0 : sum / Double(n) }

    var variance: Double {
        if isProportion { return mean * (1 - mean) }
        if n <= 1 { return 0 }
        let n = Double(n)
        return (sumSquares - sum * sum / n) / (n - 1)
    }

    /// The statistic of two groups pooled (gbstats `create_joint_statistic`).
    func pooled(with other: MomentStatistic) -> MomentStatistic {
        MomentStatistic(isProportion: isProportion, n: n + other.n, sum: sum + other.sum,
                        sumSquares: sumSquares + other.sumSquares)
    }
}

/// One variant's statistic for the tests, mirroring gbstats' statistic classes.
enum VariantStatistic: Sendable, Equatable {
    case plain(MomentStatistic)
    /// Σnumerator/Σdenominator with the delta-method variance (gbstats `RatioStatistic`).
    case ratio(numerator: MomentStatistic, denominator: MomentStatistic, sumProducts: Double)
    /// CUPED: post − θ·pre (gbstats `RegressionAdjustedStatistic`).
    case regression(post: MomentStatistic, pre: MomentStatistic, sumProducts: Double, theta: Double)

    var n: Int {
        switch self {
        case .plain(let s): s.n
        case .ratio(let m, _, _): m.n
        case .regression(let post, _, _, _): post.n
        }
    }

    var mean: Double {
        switch self {
        case .plain(let s): return s.mean
        case .ratio(let m, let d, _): return d.sum == 0 ? 0 : m.sum / d.sum
        case .regression(let post, let pre, _, let theta): return post.mean - theta * pre.mean
        }
    }

    /// The mean without CUPED adjustment.
    var unadjustedMean: Double {
        if case .regression(let post, _, _, _) = self { return post.mean }
        return mean
    }

    var variance: Double {
        switch self {
        case .plain(let s):
            return s.variance
        case .ratio(let m, let d, _):
            let dm = d.mean
            if dm == 0 || n <= 1 { return 0 }
            let mm = m.mean
            return m.variance / (dm * dm) - 2 * covariance * mm / (dm * dm * dm)
                + mm * mm * d.variance / (dm * dm * dm * dm)
        case .regression(let post, let pre, _, let theta):
            if n <= 1 { return 0 }
            return post.variance + theta * theta * pre.variance - 2 * theta * covariance
        }
    }

    /// The variance of the metric itself (without the CUPED adjustment).
    var unadjustedVariance: Double {
        if case .regression(let post, _, _, _) = self { return post.variance }
        return variance
    }

    /// Sample covariance of the two parts (numerator and denominator, or post and pre).
    var covariance: Double {
        let n = self.n
        if n <= 1 { return 0 }
        switch self {
        case .plain:
            return 0
        case .ratio(let a, let b, let products), .regression(let a, let b, let products, _):
            return (products - a.sum * b.sum / Double(n)) / Double(n - 1)
        }
    }

    /// The same statistic with `theta`; the plain post statistic when theta is 0
    /// (gbstats reverts to the unadjusted analysis then).
    func adjusted(theta: Double) -> VariantStatistic {
        guard case .regression(let post, let pre, let products, _) = self else { return self }
        return theta == 0 ? .plain(post) : .regression(post: post, pre: pre, sumProducts: products, theta: theta)
    }

    /// CUPED's θ = Cov(post, pre)/Var(pre) over both groups pooled (gbstats `compute_theta`);
    /// 0 when either pooled variance is 0 or the statistics are not regression-adjusted.
    static func theta(_ a: VariantStatistic, _ b: VariantStatistic) -> Double {
        guard case .regression(let postA, let preA, let productsA, _) = a,
              case .regression(let postB, let preB, let productsB, _) = b else { return 0 }
        let post = postA.pooled(with: postB), pre = preA.pooled(with: preB)
        if pre.variance == 0 || post.variance == 0 { return 0 }
        let joint = VariantStatistic.regression(post: post, pre: pre, sumProducts: productsA + productsB, theta: 0)
        return joint.covariance / pre.variance
    }
}
