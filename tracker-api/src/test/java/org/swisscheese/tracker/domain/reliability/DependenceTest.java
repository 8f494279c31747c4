package org.swisscheese.tracker.domain.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked dependence between barriers A (first) and B (later). Tables are [[a, b], [c, d]]: rows A failed / A
 * held, columns B failed / B held.
 */
class DependenceTest {

    @Test
    void bFailingMostlyWhenAFailedHasASmallOneSidedFisherP() {
        // scipy.stats.fisher_exact([[6, 2], [3, 9]], alternative='greater').pvalue
        Dependence dependence = Dependence.of(new PairTable(6, 2, 3, 9));
        Close.to(dependence.pValue(), 0.03989045010716837);
    }

    @Test
    void aSingleCoincidentFailureIsNotEvidenceOfLinedUpHoles() {
        // scipy.stats.fisher_exact([[1, 0], [0, 1]], alternative='greater').pvalue = 0.5
        Dependence dependence = Dependence.of(new PairTable(1, 0, 0, 1));
        Close.to(dependence.pValue(), 0.5);
        List<Dependence.Screened> screened = Dependence.screen(List.of(new PairTable(1, 0, 0, 1)));
        Close.to(screened.get(0).qValue(), 0.5);
        assertThat(screened.get(0).holesLineUp()).isFalse();
    }

    @Test
    void aTenPercentPIsNotFlaggedEvenAlone() {
        List<Double> q = BenjaminiHochberg.qValues(List.of(0.10));
        Close.to(q.get(0), 0.10);
        assertThat(q.get(0) < Dependence.ALPHA).isFalse();
    }

    @Test
    void aStrongTableIsFlaggedWhenScreenedAlone() {
        // scipy.stats.fisher_exact([[5, 0], [2, 10]], alternative='greater').pvalue
        List<Dependence.Screened> screened = Dependence.screen(List.of(new PairTable(5, 0, 2, 10)));
        Close.to(screened.get(0).dependence().pValue(), 0.003393665158371041);
        Close.to(screened.get(0).qValue(), 0.003393665158371041);
        assertThat(screened.get(0).holesLineUp()).isTrue();
    }

    @Test
    void benjaminiHochbergQValuesComeBackInTheInputOrder() {
        // scipy.stats.false_discovery_control([0.01, 0.04, 0.03, 0.005, 0.10, 0.50], method='bh')
        //   = [0.03, 0.06, 0.06, 0.03, 0.12, 0.5]
        List<Double> q = BenjaminiHochberg.qValues(List.of(0.01, 0.04, 0.03, 0.005, 0.10, 0.50));
        double[] expected = {0.03, 0.06, 0.06, 0.03, 0.12, 0.5};
        for (int i = 0; i < expected.length; i++) {
            Close.to(q.get(i), expected[i]);
        }
    }

    @Test
    void anUncorrectedPBelowFivePercentCanStopBeingFlaggedAmongManyPairs() {
        // p = 0.0399 alone is flagged; among five pairs with nothing else, BH lifts it to 5 * 0.0399 = 0.199
        PairTable suspicious = new PairTable(6, 2, 3, 9);
        PairTable nothing = new PairTable(2, 8, 2, 8);
        assertThat(Dependence.screen(List.of(suspicious)).get(0).holesLineUp()).isTrue();
        List<Dependence.Screened> many = Dependence.screen(List.of(suspicious, nothing, nothing, nothing, nothing));
        assertThat(many.get(0).holesLineUp()).isFalse();
        Close.to(many.get(0).qValue(), 5 * 0.03989045010716837);
    }

    @Test
    void theLiftHasAKatzLogInterval() {
        // r = scipy.stats.contingency.relative_risk(6, 8, 3, 12); r.relative_risk, r.confidence_interval(0.95)
        Dependence dependence = Dependence.of(new PairTable(6, 2, 3, 9));
        Close.to(dependence.lift(), 3.0); // (6/8) / (3/12)
        Close.to(dependence.liftInterval().lower(), 1.040926059216364);
        Close.to(dependence.liftInterval().upper(), 8.646147265037664);
        assertThat(dependence.liftCorrected()).isFalse();
    }

    @Test
    void anEmptyCellAddsOneHalfToEveryCellForTheLiftAndItsInterval() {
        // a, b, c, d = 5.5, 0.5, 2.5, 10.5; rr = (a/(a+b)) / (c/(c+d)); se = sqrt(1/a − 1/(a+b) + 1/c − 1/(c+d))
        // rr * exp(∓ scipy.stats.norm.ppf(0.975) * se)
        Dependence dependence = Dependence.of(new PairTable(5, 0, 2, 10));
        assertThat(dependence.liftCorrected()).isTrue();
        Close.to(dependence.lift(), 4.766666666666667);
        Close.to(dependence.liftInterval().lower(), 1.5246775586899688);
        Close.to(dependence.liftInterval().upper(), 14.90224013701199);
    }

    @Test
    void theBetaFactorIsTheShareOfBsFailuresThatCoincideWithAs() {
        Close.to(Dependence.of(new PairTable(6, 2, 3, 9)).betaFactor(), 6.0 / 9.0);
        Close.to(Dependence.of(new PairTable(5, 0, 2, 10)).betaFactor(), 5.0 / 7.0);
        assertThat(Dependence.of(new PairTable(0, 4, 0, 9)).betaFactor()).isNull(); // B never failed
    }

    @Test
    void withoutAFailureOfANothingCanBeCompared() {
        Dependence dependence = Dependence.of(new PairTable(0, 0, 3, 9));
        assertThat(dependence.lift()).isNull();
        assertThat(dependence.liftInterval()).isNull();
        Close.to(dependence.pValue(), 1.0);
        Dependence empty = Dependence.of(new PairTable(0, 0, 0, 0));
        assertThat(empty.pValue()).isEqualTo(1.0);
        assertThat(empty.betaFactor()).isNull();
    }
}
