package org.swisscheese.tracker.domain.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** What must hold whatever the numbers: orderings, bounds and monotonicity a manager would rely on without checking. */
class InvariantPropertiesTest {

    @Provide
    Arbitrary<int[]> demandsAndFailures() {
        return Arbitraries.integers()
                .between(0, 5000)
                .flatMap(d -> Arbitraries.integers().between(0, d).map(f -> new int[] {d, f}));
    }

    @Property
    void theEstimateLiesInItsIntervalAndTheOneSidedBoundBelowTheTwoSided(@ForAll("demandsAndFailures") int[] df) {
        PfdEstimate pfd = PfdEstimate.jeffreys(df[0], df[1]);
        assertThat(pfd.interval95().lower()).isLessThanOrEqualTo(pfd.estimate());
        assertThat(pfd.estimate()).isLessThanOrEqualTo(pfd.interval95().upper());
        assertThat(pfd.upper95()).isLessThanOrEqualTo(pfd.interval95().upper());
        assertThat(pfd.upper95()).isGreaterThan(0.0);
        assertThat(pfd.riskReductionFactor()).isGreaterThanOrEqualTo(1.0);
        assertThat(pfd.sil()).isEqualTo(SilBand.ofPfd(pfd.upper95()));
    }

    @Property
    void oneMoreFailureNeverImprovesTheBound(@ForAll("demandsAndFailures") int[] df) {
        if (df[1] == df[0]) {
            return;
        }
        PfdEstimate fewer = PfdEstimate.jeffreys(df[0], df[1]);
        PfdEstimate more = PfdEstimate.jeffreys(df[0], df[1] + 1);
        assertThat(more.upper95()).isGreaterThanOrEqualTo(fewer.upper95());
        assertThat(more.sil().level()).isLessThanOrEqualTo(fewer.sil().level());
    }

    @Property
    void onlyAClaimBelowTheIntervalIsNotDemonstrated(
            @ForAll("demandsAndFailures") int[] df, @ForAll @DoubleRange(min = 0, max = 1) double claim) {
        PfdEstimate pfd = PfdEstimate.jeffreys(df[0], df[1]);
        assertThat(pfd.judge(claim).demonstrated())
                .isEqualTo(claim >= pfd.interval95().lower());
    }

    @Property
    void theMtbfLowerBoundIsBelowTheMean(
            @ForAll @IntRange(min = 1, max = 10_000) int failures,
            @ForAll @IntRange(min = 1, max = 100_000) int exposureHours) {
        TimeBetweenFailures tbf = TimeBetweenFailures.of(java.time.Duration.ofHours(exposureHours), failures);
        assertThat(tbf.lower90Hours()).isLessThan(tbf.meanHours());
    }

    @Provide
    Arbitrary<List<Double>> pValueLists() {
        Arbitrary<Double> smooth = Arbitraries.doubles().between(0, 1);
        Arbitrary<Double> round = Arbitraries.of(0.0, 0.001, 0.01, 0.04, 0.05, 0.1, 0.5, 1.0);
        return Arbitraries.oneOf(smooth, round).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property
    void qValuesAreNeverBelowTheirPNeverAboveOneAndMonotoneInP(@ForAll("pValueLists") List<Double> p) {
        List<Double> q = BenjaminiHochberg.qValues(p);
        for (int i = 0; i < p.size(); i++) {
            assertThat(q.get(i)).isGreaterThanOrEqualTo(p.get(i)).isLessThanOrEqualTo(1.0);
            for (int j = 0; j < p.size(); j++) {
                if (p.get(i) <= p.get(j)) {
                    assertThat(q.get(i)).isLessThanOrEqualTo(q.get(j));
                }
            }
        }
    }

    @Provide
    Arbitrary<PairTable> tables() {
        Arbitrary<Integer> count = Arbitraries.integers().between(0, 40);
        return net.jqwik.api.Combinators.combine(count, count, count, count).as(PairTable::new);
    }

    @Property
    void aDependenceResultIsAProbabilityAnIntervalAroundTheLiftAndAShare(@ForAll("tables") PairTable t) {
        Dependence dependence = Dependence.of(t);
        assertThat(dependence.pValue()).isBetween(0.0, 1.0);
        if (dependence.lift() != null) {
            assertThat(dependence.liftInterval().contains(dependence.lift())).isTrue();
            assertThat(dependence.liftInterval().lower()).isGreaterThan(0.0);
        }
        if (dependence.betaFactor() != null) {
            assertThat(dependence.betaFactor()).isBetween(0.0, 1.0);
        }
    }

    @Property
    void addingACoincidentFailureNeverWeakensTheEvidence(@ForAll("tables") PairTable t) {
        // one more incident where both failed can only make "B fails more when A failed" more plausible
        double before = Dependence.of(t).pValue();
        double after =
                Dependence.of(new PairTable(t.a() + 1, t.b(), t.c(), t.d())).pValue();
        assertThat(after).isLessThanOrEqualTo(before * (1 + 1e-12));
    }

    @Property
    void theObservedShareLiesInItsIntervalAndExceedingImpliesAboveThePrediction(
            @ForAll("demandsAndFailures") int[] nf, @ForAll("pfds") List<Double> pfds) {
        PathIndependence path = PathIndependence.of(pfds, nf[1], nf[0]);
        if (path.observedShare() != null) {
            assertThat(path.observedInterval().contains(path.observedShare())).isTrue();
        }
        if (path.exceedsPrediction()) {
            assertThat(path.observedShare()).isGreaterThan(path.predicted());
        }
        assertThat(path.predicted()).isBetween(0.0, 1.0);
    }

    @Provide
    Arbitrary<List<Double>> pfds() {
        return Arbitraries.doubles().between(0, 1).list().ofMaxSize(6).map(ArrayList::new);
    }
}
