package org.swisscheese.tracker.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that remembers, for a while, which password it has just checked against which stored hash. The
 * local accounts sign every request with Basic credentials (no sessions), and the web app sends them on every call:
 * without this each request spent a bcrypt check (tens of milliseconds of CPU), which under six readers took most of
 * the machine. Only a SHA-256 digest of the stored hash and the password is kept, never the password; a wrong password
 * is always checked in full; a changed password misses (its stored hash differs).
 */
class RememberedPasswords implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Cache<String, Boolean> verified;

    RememberedPasswords(PasswordEncoder delegate, Duration remember, long maxEntries) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder()
                .expireAfterWrite(remember)
                .maximumSize(maxEntries)
                .build();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String key = digest(encodedPassword, rawPassword);
        if (verified.getIfPresent(key) != null) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            verified.put(key, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private static String digest(String encoded, CharSequence raw) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(encoded.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(raw.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
