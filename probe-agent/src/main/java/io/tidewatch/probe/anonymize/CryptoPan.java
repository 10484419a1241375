package io.tidewatch.probe.anonymize;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Crypto-PAn prefix-preserving address mapping (Xu, Fan, Ammar, Moon, ICNP 2002) with AES-128 as the
 * pseudorandom function, bit-compatible with the reference implementation and its sample trace: the first 16 key
 * bytes are the AES key, the AES encryption of the last 16 is the pad. Output bit {@code i} is input bit {@code i}
 * flipped by the first bit of AES(the input's first {@code i} bits followed by the pad's remaining bits), so two
 * addresses sharing exactly a {@code k}-bit prefix map to addresses sharing exactly a {@code k}-bit prefix. IPv6
 * uses the same construction over 128 bits.
 *
 * <p>Costs one AES block per address bit (32 for IPv4, 128 for IPv6); {@link AddressPseudonymizer} caches results.
 * Not thread-safe (one cipher and scratch block per instance): give each capture thread its own.
 */
public final class CryptoPan {

    /** Key length in bytes: 16 for AES, 16 for the pad. */
    public static final int KEY_BYTES = 32;

    private final Cipher aes;
    private final byte[] pad = new byte[16];
    private final byte[] block = new byte[16];
    private final byte[] out = new byte[16];
    private final byte[] flips = new byte[16];

    /** A mapping keyed by {@code key} (exactly {@value #KEY_BYTES} bytes; the array is not kept). */
    public CryptoPan(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            // The length only: the key itself is a secret and never goes into a message.
            throw new IllegalArgumentException("Crypto-PAn key: expected " + KEY_BYTES + " bytes, got "
                    + (key == null ? "none" : key.length + " bytes"));
        }
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(key, 0, 16), "AES"));
            aes.update(key, 16, 16, pad, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * Maps the address in {@code address[offset .. offset+length)} in place; {@code length} is 4 (IPv4) or 16 (IPv6).
     */
    public void pseudonymize(byte[] address, int offset, int length) {
        if (length != 4 && length != 16) {
            throw new IllegalArgumentException("address length " + length + ": expected 4 (IPv4) or 16 (IPv6) bytes");
        }
        if (address == null || offset < 0 || offset + length > address.length) {
            throw new IllegalArgumentException("address bytes [" + offset + ", " + (offset + length) + "): outside an array of "
                    + (address == null ? "null" : address.length + " bytes"));
        }
        int bits = length * 8;
        System.arraycopy(pad, 0, block, 0, 16);
        Arrays.fill(flips, (byte) 0);
        for (int i = 0; i < bits; i++) {
            encrypt();
            flips[i >>> 3] |= (byte) ((out[0] & 0x80) >>> (i & 7));
            // The next round's input: the original's first i+1 bits, the pad's after.
            int mask = 0x80 >>> (i & 7);
            int byteIndex = i >>> 3;
            block[byteIndex] = (byte) ((block[byteIndex] & ~mask) | (address[offset + byteIndex] & mask));
        }
        for (int b = 0; b < length; b++) {
            address[offset + b] ^= flips[b];
        }
    }

    private void encrypt() {
        try {
            aes.update(block, 0, 16, out, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("AES output buffer too short", e);
        }
    }
}
