package org.swisscheese.tracker.domain.reliability;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A deliberately naive second implementation of the reliability statistics, sharing no code and no library with
 * the main one: series, bisection, exact rational arithmetic and brute force, slow but easy to check by eye. The
 * property tests hold the two against each other, so a mistake would have to be made twice, differently, in the
 * same place.
 */
final class NaiveReliability {

    private NaiveReliability() {}

    // ---------------------------------------------------------------- special functions

    /** ln Γ(x) for x > 0: the Stirling series, after shifting x up past 15 with Γ(x+1) = xΓ(x). */
    static double lnGamma(double x) {
        double shift = 0;
        while (x < 15) {
            shift += Math.log(x);
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680))));
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
    }

    static double lnBeta(double a, double b) {
        return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
    }

    /**
     * The regularised incomplete beta I_x(a, b) from its hypergeometric series (DLMF 8.17.8):
     * I_x(a,b) = x^a (1−x)^b / (a B(a,b)) · Σ_n (a+b)_n / (a+1)_n · x^n, all terms positive; for x > ½ through
     * I_x(a,b) = 1 − I_{1−x}(b,a) so that the series always converges at least like 2^−n.
     */
    static double incompleteBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        if (x > 0.5) {
            return 1 - incompleteBeta(1 - x, b, a);
        }
        double sum = 0;
        double term = 1;
        for (int n = 0; n < 1_000_000; n++) {
            sum += term;
            term *= x * (a + b + n) / (a + 1 + n);
            if (term < sum * 1e-17 && x * (a + b + n + 1) / (a + 2 + n) < 1) {
                break;
            }
        }
        double logPrefactor = a * Math.log(x) + b * Math.log1p(-x) - Math.log(a) - lnBeta(a, b);
        return Math.exp(logPrefactor) * sum;
    }

    /** The Beta(a, b) quantile by bisection on [0, 1], to a relative width of 1e-15. */
    static double betaQuantile(double p, double a, double b) {
        double lo = 0;
        double hi = 1;
        while (hi - lo > 1e-15 * hi) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (incompleteBeta(mid, a, b) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * The χ² CDF for an even number of degrees of freedom 2k, through its Poisson form:
     * P(χ²_{2k} <= x) = 1 − e^{−x/2} Σ_{i<k} (x/2)^i / i!.
     */
    static double chiSquaredCdfEven(double x, int dof) {
        if (dof % 2 != 0) {
            throw new IllegalArgumentException("only even degrees of freedom: " + dof);
        }
        double half = x / 2;
        double term = Math.exp(-half);
        double sum = 0;
        for (int i = 0; i < dof / 2; i++) {
            sum += term;
            term *= half / (i + 1);
        }
        return 1 - sum;
    }

    /** The χ² quantile by bisection, for an even number of degrees of freedom. */
    static double chiSquaredQuantileEven(double p, int dof) {
        double lo = 0;
        double hi = 1;
        while (chiSquaredCdfEven(hi, dof) < p) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (chiSquaredCdfEven(mid, dof) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** erf(x) for x >= 0 from the all-positive series (2/√π) e^{−x²} Σ 2^n x^{2n+1} / (1·3·…·(2n+1)). */
    static double erf(double x) {
        if (x < 0) {
            return -erf(-x);
        }
        double term = x;
        double sum = 0;
        for (int n = 0; n < 100_000; n++) {
            sum += term;
            term *= 2 * x * x / (2 * n + 3);
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
    }

    static double normalCdf(double z) {
        return 0.5 * (1 + erf(z / Math.sqrt(2)));
    }

    /** P(N(0,1) >= z), written so that the upper tail is computed from 1 − erf of a non-negative argument. */
    static double normalUpperTail(double z) {
        return z >= 0 ? 0.5 * (1 - erf(z / Math.sqrt(2))) : 0.5 * (1 + erf(-z / Math.sqrt(2)));
    }

    static double normalQuantile(double p) {
        double lo = -40;
        double hi = 40;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (normalCdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    // ---------------------------------------------------------------- the figures

    /** {estimate, lower 95, upper 95, one-sided upper 95} for D demands and F failures. */
    static double[] jeffreys(int demands, int failures) {
        double a = failures + 0.5;
        double b = demands - failures + 0.5;
        double lower = failures == 0 ? 0 : betaQuantile(0.025, a, b);
        double upper = failures == demands ? 1 : betaQuantile(0.975, a, b);
        double upper95 = failures == demands ? 1 : betaQuantile(0.95, a, b);
        return new double[] {a / (demands + 1), lower, upper, upper95};
    }

    /** 2T / χ²(0.90; 2F + 2) in hours. */
    static double mtbfLower90Hours(double exposureHours, int failures) {
        return 2 * exposureHours / chiSquaredQuantileEven(0.90, 2 * failures + 2);
    }

    static BigInteger binomial(int n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        BigInteger result = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            result = result.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return result;
    }

    /**
     * One-sided Fisher p: P(X >= a) for X hypergeometric with the table's margins, summed exactly with BigInteger
     * binomials and divided once at the end.
     */
    static double fisherGreater(int a, int b, int c, int d) {
        int n = a + b + c + d;
        if (n == 0) {
            return 1;
        }
        int row = a + b;
        int col = a + c;
        BigInteger numerator = BigInteger.ZERO;
        for (int x = a; x <= Math.min(row, col); x++) {
            numerator = numerator.add(binomial(col, x).multiply(binomial(n - col, row - x)));
        }
        return new BigDecimal(numerator)
                .divide(new BigDecimal(binomial(n, row)), MathContext.DECIMAL128)
                .doubleValue();
    }

    /**
     * Benjamini–Hochberg from the definition, in O(m²): q_i = min over every p_j >= p_i of m·p_j / r_j, where r_j
     * is the number of p-values <= p_j; capped at 1.
     */
    static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        double[] q = new double[m];
        for (int i = 0; i < m; i++) {
            double best = 1;
            for (int j = 0; j < m; j++) {
                if (p[j] >= p[i]) {
                    int rank = 0;
                    for (double other : p) {
                        if (other <= p[j]) {
                            rank++;
                        }
                    }
                    best = Math.min(best, m * p[j] / rank);
                }
            }
            q[i] = best;
        }
        return q;
    }

    /**
     * Cochran–Armitage from the textbook formula with uncentred sums: T = Σ t_i (F_i − D_i p̄),
     * Var = p̄(1 − p̄) [Σ D_i t_i² − (Σ D_i t_i)² / N]. Weeks must be in calendar order; scores are their indices.
     *
     * @return {z, p}, or null when fewer than 3 weeks have demands or p̄ is 0 or 1
     */
    static double[] cochranArmitage(long[] demands, long[] failures) {
        int weeksWithDemands = 0;
        double n = 0;
        double r = 0;
        for (int i = 0; i < demands.length; i++) {
            weeksWithDemands += demands[i] > 0 ? 1 : 0;
            n += demands[i];
            r += failures[i];
        }
        if (weeksWithDemands < 3 || r == 0 || r == n) {
            return null;
        }
        double pBar = r / n;
        double t = 0;
        double sumDt = 0;
        double sumDt2 = 0;
        for (int i = 0; i < demands.length; i++) {
            t += i * (failures[i] - demands[i] * pBar);
            sumDt += demands[i] * (double) i;
            sumDt2 += demands[i] * (double) i * i;
        }
        double variance = pBar * (1 - pBar) * (sumDt2 - sumDt * sumDt / n);
        double z = t / Math.sqrt(variance);
        return new double[] {z, normalUpperTail(z)};
    }

    /**
     * The Katz interval of the lift from SE² = b / (a(a+b)) + d / (c(c+d)), with the normal quantile found by
     * bisection on the erf series. 0.5 is added to every cell when any is zero.
     *
     * @return {lift, lower, upper}, or null when a + b = 0 or c + d = 0
     */
    static double[] lift(int a0, int b0, int c0, int d0) {
        if (a0 + b0 == 0 || c0 + d0 == 0) {
            return null;
        }
        double add = a0 == 0 || b0 == 0 || c0 == 0 || d0 == 0 ? 0.5 : 0;
        double a = a0 + add;
        double b = b0 + add;
        double c = c0 + add;
        double d = d0 + add;
        double lift = a * (c + d) / (c * (a + b));
        double se = Math.sqrt(b / (a * (a + b)) + d / (c * (c + d)));
        double z = normalQuantile(0.975);
        return new double[] {lift, lift * Math.exp(-z * se), lift * Math.exp(z * se)};
    }

    /**
     * Availability by brute force on a one-minute grid: every minute of the window is looked at on its own. Exact when
     * every instant given lies on a whole minute.
     *
     * @return {minutes exposed, minutes out of service}
     */
    static long[] availabilityMinutes(Instant from, Instant to, Instant entered, Instant left, List<Outage> outages) {
        long exposed = 0;
        long out = 0;
        for (Instant minute = from; minute.isBefore(to); minute = minute.plusSeconds(60)) {
            boolean standing = !minute.isBefore(entered) && (left == null || minute.isBefore(left));
            if (!standing) {
                continue;
            }
            exposed++;
            for (Outage outage : outages) {
                if (!minute.isBefore(outage.start()) && (outage.end() == null || minute.isBefore(outage.end()))) {
                    out++;
                    break;
                }
            }
        }
        return new long[] {exposed, out};
    }

    static double product(List<Double> values) {
        double logSum = 0;
        for (double v : values) {
            if (v == 0) {
                return 0;
            }
            logSum += Math.log(v);
        }
        return Math.exp(logSum);
    }

    static List<WeekCount> inCalendarOrder(List<WeekCount> weeks) {
        List<WeekCount> ordered = new ArrayList<>(weeks);
        ordered.sort(Comparator.comparing(WeekCount::weekStart));
        return ordered;
    }

    static double hours(Duration d) {
        return d.toMillis() / 3_600_000.0;
    }
}
