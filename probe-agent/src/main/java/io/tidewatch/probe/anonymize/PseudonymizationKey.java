package io.tidewatch.probe.anonymize;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Reads the {@value #SETTING} secret: 32 bytes written as 64 hexadecimal digits or as base64 (44 characters with
 * padding). Error messages name the setting and the expected form, never the value.
 */
public final class PseudonymizationKey {

    /** The setting that holds the key. */
    public static final String SETTING = "probe.pseudonymize.key";

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private PseudonymizationKey() {
    }

    /** The 32 key bytes of {@code text}. */
    public static byte[] parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("setting " + SETTING + " is required when probe.pseudonymize=true: "
                    + "expected 32 random bytes as 64 hex digits or base64 (e.g. from 'openssl rand -hex 32')");
        }
        String t = text.strip();
        if (HEX.matcher(t).matches()) {
            return HexFormat.of().parseHex(t);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            decoded = null;
        }
        if (decoded == null || decoded.length != CryptoPan.KEY_BYTES) {
            throw new IllegalArgumentException("setting " + SETTING + " (value not shown, " + t.length()
                    + " characters): expected 32 bytes as 64 hex digits or base64");
        }
        return decoded;
    }
}
