# statistics: averages, spread, median variants, mode, quantiles,
# NormalDist, correlation and regression, errors.
import statistics as st
from fractions import Fraction
from decimal import Decimal

data = [2, 4, 4, 4, 5, 5, 7, 9]
print(st.mean(data), st.fmean(data), st.median(data), st.median_low(data), st.median_high(data))
print(st.mode(data), st.multimode("aabbbcccd"), st.pstdev(data), st.pvariance(data))
print(st.stdev(data), st.variance(data), st.geometric_mean([1, 2, 4]), st.harmonic_mean([40, 60]))
print(st.mean([Fraction(1, 2), Fraction(1, 3)]), st.mean([Decimal("0.5"), Decimal("0.25")]), st.mean([1.5, 2.5]))
print(st.median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 5]), st.quantiles(range(1, 11), n=4))
print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8], n=10, method="inclusive"))
print(st.variance([Fraction(1), Fraction(2), Fraction(4)]), st.harmonic_mean([1, 2, 4], weights=[1, 2, 1]))
x = [1, 2, 3, 4, 5]
y = [2, 4, 5, 4, 5]
print(st.correlation(x, y), st.covariance(x, y), st.linear_regression(x, y))
nd = st.NormalDist(100, 15)
print(nd, nd.mean, nd.stdev, nd.variance, round(nd.cdf(115), 6), round(nd.pdf(100), 8))
print(round(nd.inv_cdf(0.975), 6), [round(q, 3) for q in nd.quantiles(4)], round(nd.overlap(st.NormalDist(110, 15)), 6))
print(nd + 5, nd * 2, st.NormalDist.from_samples([1, 2, 3, 4, 5]), round(nd.zscore(130), 3))


def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


err(lambda: st.mean([]))
err(lambda: st.stdev([1]))
err(lambda: st.mode([]))
err(lambda: st.geometric_mean([1, -1]))
err(lambda: st.correlation([1, 1], [1, 2]))
err(lambda: st.NormalDist(0, -1))
print(issubclass(st.StatisticsError, ValueError))
