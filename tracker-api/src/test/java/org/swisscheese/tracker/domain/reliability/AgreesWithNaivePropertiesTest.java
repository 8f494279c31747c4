package org.swisscheese.tracker.domain.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The library-backed statistics against {@link NaiveReliability} on random inputs. Each tolerance fits the naive
 * method it is held to: bisection on a series CDF to 1e-8 relative, exact rational sums to 1e-9, brute-force grids
 * exactly.
 */
class AgreesWithNaivePropertiesTest {

    // ------------------------------------------------------------------ PFD

    @Provide
    Arbitrary<int[]> demandsAndFailures() {
        return Arbitraries.integers()
                .between(0, 500)
                .flatMap(d -> Arbitraries.integers().between(0, d).map(f -> new int[] {d, f}));
    }

    @Property
    void jeffreysQuantilesAgreeWithBisectionOnAnIncompleteBetaSeries(@ForAll("demandsAndFailures") int[] df) {
        PfdEstimate pfd = PfdEstimate.jeffreys(df[0], df[1]);
        double[] naive = NaiveReliability.jeffreys(df[0], df[1]);
        Close.to(pfd.estimate(), naive[0], 1e-15);
        Close.to(pfd.interval95().lower(), naive[1], 1e-8);
        Close.to(pfd.interval95().upper(), naive[2], 1e-8);
        Close.to(pfd.upper95(), naive[3], 1e-8);
        Close.to(pfd.riskReductionFactor(), 1 / naive[3], 1e-8);
    }

    // ------------------------------------------------------------------ MTBF

    @Property
    void theMtbfLowerBoundAgreesWithBisectionOnThePoissonFormOfTheChiSquaredCdf(
            @ForAll @LongRange(min = 0, max = 10L * 365 * 24 * 3600) long exposureSeconds,
            @ForAll @IntRange(min = 0, max = 300) int failures) {
        Duration exposure = Duration.ofSeconds(exposureSeconds);
        TimeBetweenFailures tbf = TimeBetweenFailures.of(exposure, failures);
        double hours = exposureSeconds / 3600.0;
        Close.to(tbf.lower90Hours(), NaiveReliability.mtbfLower90Hours(hours, failures), 1e-9);
        if (failures > 0) {
            Close.to(tbf.meanHours(), hours / failures, 1e-12);
        }
    }

    // ------------------------------------------------------------------ dependence

    @Provide
    Arbitrary<PairTable> tables() {
        Arbitrary<Integer> count = Arbitraries.integers().between(0, 40);
        return Combinators.combine(count, count, count, count).as(PairTable::new);
    }

    @Property
    void fisherAgreesWithExactHypergeometricSumsOverBigIntegerBinomials(@ForAll("tables") PairTable t) {
        double p = Dependence.of(t).pValue();
        double naive = NaiveReliability.fisherGreater(t.a(), t.b(), t.c(), t.d());
        assertThat(Close.agree(p, naive, 1e-9, 1e-300))
                .as("library %s, naive %s for %s", p, naive, t)
                .isTrue();
    }

    @Property
    void theLiftIntervalAgreesWithTheOtherFormOfTheKatzStandardError(@ForAll("tables") PairTable t) {
        Dependence dependence = Dependence.of(t);
        double[] naive = NaiveReliability.lift(t.a(), t.b(), t.c(), t.d());
        if (naive == null) {
            assertThat(dependence.lift()).isNull();
            assertThat(dependence.liftInterval()).isNull();
            return;
        }
        Close.to(dependence.lift(), naive[0], 1e-12);
        Close.to(dependence.liftInterval().lower(), naive[1], 1e-9);
        Close.to(dependence.liftInterval().upper(), naive[2], 1e-9);
        if (t.a() + t.c() > 0) {
            Close.to(dependence.betaFactor(), (double) t.a() / (t.a() + t.c()), 1e-15);
        }
    }

    @Provide
    Arbitrary<List<Double>> pValueLists() {
        // a mix of smooth p-values and a few repeated round ones, so ties are common
        Arbitrary<Double> smooth = Arbitraries.doubles().between(0, 1);
        Arbitrary<Double> round = Arbitraries.of(0.0, 0.001, 0.01, 0.04, 0.05, 0.1, 0.5, 1.0);
        return Arbitraries.oneOf(smooth, round).list().ofMinSize(0).ofMaxSize(40);
    }

    @Property
    void benjaminiHochbergAgreesWithTheQuadraticDefinition(@ForAll("pValueLists") List<Double> p) {
        List<Double> q = BenjaminiHochberg.qValues(p);
        double[] naive = NaiveReliability.benjaminiHochberg(
                p.stream().mapToDouble(Double::doubleValue).toArray());
        assertThat(q).hasSize(naive.length);
        for (int i = 0; i < naive.length; i++) {
            Close.to(q.get(i), naive[i], 1e-12);
        }
    }

    // ------------------------------------------------------------------ trend

    @Provide
    Arbitrary<List<WeekCount>> weekSeries() {
        Arbitrary<long[]> week = Arbitraries.longs()
                .between(0, 50)
                .flatMap(d -> Arbitraries.longs().between(0, d).map(f -> new long[] {d, f}));
        return week.list().ofMinSize(0).ofMaxSize(12).map(counts -> {
            List<WeekCount> weeks = new ArrayList<>();
            LocalDate monday = LocalDate.of(2026, 1, 5);
            for (int i = 0; i < counts.size(); i++) {
                weeks.add(new WeekCount(monday.plusWeeks(i), counts.get(i)[0], counts.get(i)[1]));
            }
            return weeks;
        });
    }

    @Property
    void cochranArmitageAgreesWithTheUncentredTextbookFormulaAndAnErfSeries(
            @ForAll("weekSeries") List<WeekCount> weeks) {
        Trend trend = Trend.cochranArmitage(weeks);
        List<WeekCount> ordered = NaiveReliability.inCalendarOrder(weeks);
        long[] d = ordered.stream().mapToLong(WeekCount::demands).toArray();
        long[] f = ordered.stream().mapToLong(WeekCount::failures).toArray();
        double[] naive = NaiveReliability.cochranArmitage(d, f);
        if (naive == null) {
            assertThat(trend.status()).isEqualTo(Trend.Status.NOT_ENOUGH_DATA);
            return;
        }
        assertThat(Close.agree(trend.statistic(), naive[0], 1e-9, 1e-9))
                .as("Z library %s, naive %s", trend.statistic(), naive[0])
                .isTrue();
        assertThat(Close.agree(trend.pValue(), naive[1], 1e-8, 1e-12))
                .as("p library %s, naive %s", trend.pValue(), naive[1])
                .isTrue();
        if (Math.abs(naive[1] - Trend.ALPHA) > 1e-9) {
            assertThat(trend.worsening()).isEqualTo(naive[1] < Trend.ALPHA);
        }
    }

    // ------------------------------------------------------------------ availability

    static final Instant EPOCH = Instant.parse("2026-03-01T00:00:00Z");

    static Instant minute(int m) {
        return EPOCH.plusSeconds(60L * m);
    }

    /** Everything on whole minutes within a span of two days, so the naive minute grid is exact. */
    record Scenario(int from, int to, int entered, Integer left, List<Outage> outages) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        int span = 2 * 24 * 60;
        Arbitrary<Integer> instant = Arbitraries.integers().between(0, span);
        Arbitrary<Outage> outage = Combinators.combine(
                        instant, Arbitraries.integers().between(0, span / 2), Arbitraries.of(true, false, false, false))
                .as((s, length, open) -> open ? Outage.open(minute(s)) : new Outage(minute(s), minute(s + length)));
        Arbitrary<Integer> left = Arbitraries.integers().between(0, span).injectNull(0.5);
        return Combinators.combine(
                        instant, instant, instant, left, outage.list().ofMaxSize(6))
                .as((a, b, entered, l, outages) -> new Scenario(
                        Math.min(a, b), Math.max(a, b), entered, l == null ? null : Math.max(l, entered), outages));
    }

    @Property
    void availabilityAgreesWithCountingEveryMinute(@ForAll("scenarios") Scenario s) {
        Instant left = s.left() == null ? null : minute(s.left());
        Availability availability =
                Availability.over(minute(s.from()), minute(s.to()), minute(s.entered()), left, s.outages());
        long[] naive = NaiveReliability.availabilityMinutes(
                minute(s.from()), minute(s.to()), minute(s.entered()), left, s.outages());
        assertThat(availability.exposure()).isEqualTo(Duration.ofMinutes(naive[0]));
        assertThat(availability.outOfService()).isEqualTo(Duration.ofMinutes(naive[1]));
        if (naive[0] == 0) {
            assertThat(availability.share()).isNull();
        } else {
            assertThat(availability.share()).isEqualTo((double) (naive[0] - naive[1]) / naive[0]);
        }
    }

    // ------------------------------------------------------------------ path

    @Property
    void thePredictionAgreesWithASumOfLogarithms(@ForAll("pfdLists") List<Double> pfds) {
        double predicted = PathIndependence.predictedFullFailureShare(pfds);
        double naive = NaiveReliability.product(pfds);
        assertThat(Close.agree(predicted, naive, 1e-12, 1e-300))
                .as("%s vs %s", predicted, naive)
                .isTrue();
    }

    @Provide
    Arbitrary<List<Double>> pfdLists() {
        return Arbitraries.doubles().between(0, 1).list().ofMaxSize(8);
    }
}
