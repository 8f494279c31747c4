package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A password checked once is not checked in full again for a while; a wrong one always is, and never passes. */
class RememberedPasswordsTest {

    private final AtomicInteger fullChecks = new AtomicInteger();
    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            fullChecks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    private final RememberedPasswords encoder = new RememberedPasswords(counting, Duration.ofMinutes(5), 100);
    private final String stored = bcrypt.encode("tracker");

    @Test
    void theRightPasswordIsCheckedInFullOnceThenRemembered() {
        assertThat(encoder.matches("tracker", stored)).isTrue();
        assertThat(encoder.matches("tracker", stored)).isTrue();
        assertThat(encoder.matches("tracker", stored)).isTrue();
        assertThat(fullChecks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsCheckedInFullEveryTimeAndFails() {
        assertThat(encoder.matches("tracker", stored)).isTrue();
        assertThat(encoder.matches("trackerX", stored)).isFalse();
        assertThat(encoder.matches("trackerX", stored)).isFalse();
        assertThat(encoder.matches("", stored)).isFalse();
        assertThat(fullChecks).hasValue(4);
    }

    @Test
    void theSamePasswordAgainstAnotherStoredHashIsCheckedInFull() {
        String other = bcrypt.encode("something else");
        assertThat(encoder.matches("tracker", stored)).isTrue();
        assertThat(encoder.matches("tracker", other)).isFalse();
        assertThat(fullChecks).hasValue(2);
    }

    @Test
    void nothingIsRememberedPastItsTime() throws Exception {
        RememberedPasswords brief = new RememberedPasswords(counting, Duration.ofMillis(50), 100);
        assertThat(brief.matches("tracker", stored)).isTrue();
        Thread.sleep(120);
        assertThat(brief.matches("tracker", stored)).isTrue();
        assertThat(fullChecks).hasValue(2);
    }
}
