package io.tidewatch.streams.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The optional bearer-token check. The comparison is constant-time (on SHA-256 digests, so neither the content nor
 * the length of the expected token leaks through timing), and nothing here ever puts the token into a message.
 */
public final class BearerAuth {

    private static final String PREFIX = "Bearer ";
    private final byte[] expectedDigest;

    public BearerAuth(Optional<String> token) {
        this.expectedDigest = token.filter(t -> !t.isEmpty()).map(BearerAuth::digest).orElse(null);
    }

    public boolean required() {
        return expectedDigest != null;
    }

    /** Whether a request with this {@code Authorization} header value (null when absent) may pass. */
    public boolean allows(String authorizationHeader) {
        if (expectedDigest == null) {
            return true;
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, digest(authorizationHeader.substring(PREFIX.length()).trim()));
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
