package org.swisscheese.tracker.domain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked availability over a ten-day window, 2026-01-01 to 2026-01-11 (240 h). Plain arithmetic, no SciPy.
 */
class AvailabilityTest {

    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-01-11T00:00:00Z");

    static Instant day(int day, int hour) {
        return FROM.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
    }

    @Test
    void aBarrierNeverOutOfServiceIsFullyAvailable() {
        Availability availability = Availability.over(FROM, TO, FROM.minus(Duration.ofDays(30)), List.of());
        assertThat(availability.exposure()).isEqualTo(Duration.ofHours(240));
        assertThat(availability.share()).isEqualTo(1.0);
    }

    @Test
    void overlappingOutagesCountOnceNotTwice() {
        // day 1 00h to day 2 00h, and day 1 12h to day 3 00h: their union is day 1 to day 3 = 48 h (not 24 + 36 = 60
        // h);
        // plus day 5 00h to 06h = 6 h. Out 54 h of 240 h: (240 − 54) / 240 = 0.775
        List<Outage> outages = List.of(
                new Outage(day(1, 0), day(2, 0)), new Outage(day(1, 12), day(3, 0)), new Outage(day(5, 0), day(5, 6)));
        Availability availability = Availability.over(FROM, TO, FROM, outages);
        assertThat(availability.outOfService()).isEqualTo(Duration.ofHours(54));
        assertThat(availability.inService()).isEqualTo(Duration.ofHours(186));
        Close.to(availability.share(), 0.775);
    }

    @Test
    void anOutageInsideAnotherAddsNothing() {
        // day 2 to day 6 = 96 h, with day 3 to day 4 inside it: still 96 h. (240 − 96) / 240 = 0.6
        List<Outage> outages = List.of(new Outage(day(3, 0), day(4, 0)), new Outage(day(2, 0), day(6, 0)));
        Close.to(Availability.over(FROM, TO, FROM, outages).share(), 0.6);
    }

    @Test
    void anOutageStillOpenLastsUntilTheEndOfTheWindow() {
        // open from day 8: 48 h out. (240 − 48) / 240 = 0.8
        Availability availability = Availability.over(FROM, TO, FROM, List.of(Outage.open(day(8, 0))));
        assertThat(availability.outOfService()).isEqualTo(Duration.ofHours(48));
        Close.to(availability.share(), 0.8);
    }

    @Test
    void anOutageThatBeganBeforeTheWindowCountsOnlyItsPartInside() {
        // from 2025-12-25 to day 1 12h: 36 h inside. (240 − 36) / 240 = 0.85
        Availability availability = Availability.over(
                FROM,
                TO,
                FROM.minus(Duration.ofDays(60)),
                List.of(new Outage(FROM.minus(Duration.ofDays(7)), day(1, 12))));
        assertThat(availability.outOfService()).isEqualTo(Duration.ofHours(36));
        Close.to(availability.share(), 0.85);
    }

    @Test
    void aBarrierAddedMidWindowIsCountedOnlyFromWhenItEnteredTheBowTie() {
        // entered day 4: exposure 6 days = 144 h. An outage day 6 to day 7 = 24 h, an open one from day 9 = 24 h,
        // and one day 1 to day 2 before it existed (ignored). (144 − 48) / 144 = 2/3, not (240 − 48) / 240 = 0.8
        List<Outage> outages =
                List.of(new Outage(day(6, 0), day(7, 0)), Outage.open(day(9, 0)), new Outage(day(1, 0), day(2, 0)));
        Availability availability = Availability.over(FROM, TO, day(4, 0), outages);
        assertThat(availability.exposure()).isEqualTo(Duration.ofHours(144));
        assertThat(availability.outOfService()).isEqualTo(Duration.ofHours(48));
        Close.to(availability.share(), 2.0 / 3.0);
    }

    @Test
    void aRemovedBarrierIsCountedUntilItLeftTheBowTie() {
        // stood day 0 to day 5 = 120 h, out day 4 to the end (open) = 24 h of it. (120 − 24) / 120 = 0.8
        Availability availability = Availability.over(FROM, TO, FROM, day(5, 0), List.of(Outage.open(day(4, 0))));
        assertThat(availability.exposure()).isEqualTo(Duration.ofHours(120));
        Close.to(availability.share(), 0.8);
    }

    @Test
    void aBarrierNotYetInTheBowTieHasNoShareRatherThanAPerfectOne() {
        Availability availability = Availability.over(FROM, TO, TO.plus(Duration.ofDays(1)), List.of());
        assertThat(availability.exposure()).isEqualTo(Duration.ZERO);
        assertThat(availability.share()).isNull();
    }

    @Test
    void theExposureIsTheTimeInTheBowTieWithinTheWindow() {
        assertThat(Availability.exposure(FROM, TO, day(4, 0), null)).isEqualTo(Duration.ofDays(6));
        assertThat(Availability.exposure(FROM, TO, day(2, 0), day(3, 12))).isEqualTo(Duration.ofHours(36));
        assertThat(Availability.exposure(FROM, TO, FROM.minus(Duration.ofDays(9)), FROM))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void backwardsWindowsAndOutagesAreRejected() {
        assertThatThrownBy(() -> Availability.over(TO, FROM, FROM, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Outage(day(2, 0), day(1, 0))).isInstanceOf(IllegalArgumentException.class);
    }
}
