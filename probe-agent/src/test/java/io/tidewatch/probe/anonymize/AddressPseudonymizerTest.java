package io.tidewatch.probe.anonymize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.probe.decode.DecodedPacket;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressPseudonymizerTest {

    @Test
    void cachedResultsEqualComputedOnesForBothFamilies() {
        Random random = new Random(3);
        AddressPseudonymizer cached = new AddressPseudonymizer(CryptoPanTest.REFERENCE_KEY);
        CryptoPan direct = new CryptoPan(CryptoPanTest.REFERENCE_KEY);
        // A small pool drawn many times: most lookups hit the cache, some slots are overwritten by collisions.
        byte[][] pool = new byte[3000][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new byte[i % 3 == 0 ? 16 : 4];
            random.nextBytes(pool[i]);
        }
        for (int n = 0; n < 30_000; n++) {
            byte[] a = pool[random.nextInt(pool.length)];
            byte[] viaCache = a.clone();
            byte[] viaCipher = a.clone();
            cached.pseudonymize(viaCache, a.length);
            direct.pseudonymize(viaCipher, 0, a.length);
            assertArrayEquals(viaCipher, viaCache);
        }
        // Direct-mapped: a few colliding addresses evict each other, the rest are computed once.
        assertTrue(cached.misses() <= 2L * pool.length, "misses " + cached.misses());
    }

    @Test
    void replacesBothAddressesOfAPacket() {
        DecodedPacket p = new DecodedPacket();
        p.addressLength = 4;
        p.srcIp[0] = (byte) 128; p.srcIp[1] = 11; p.srcIp[2] = 68; p.srcIp[3] = (byte) 132;
        p.dstIp[0] = (byte) 128; p.dstIp[1] = 11; p.dstIp[2] = 68; p.dstIp[3] = (byte) 133;
        new AddressPseudonymizer(CryptoPanTest.REFERENCE_KEY).apply(p);
        assertArrayEquals(new byte[] {(byte) 135, (byte) 242, (byte) 180, (byte) 132},
                java.util.Arrays.copyOf(p.srcIp, 4));
        assertEquals(31, CryptoPanTest.commonPrefix(java.util.Arrays.copyOf(p.srcIp, 4), java.util.Arrays.copyOf(p.dstIp, 4)));
    }

    @Test
    void keyIsReadAsHexOrBase64AndNeverEchoed() {
        byte[] key = CryptoPanTest.REFERENCE_KEY;
        assertArrayEquals(key, PseudonymizationKey.parse(HexFormat.of().formatHex(key)));
        assertArrayEquals(key, PseudonymizationKey.parse(" " + Base64.getEncoder().encodeToString(key) + "\n"));
        String tooShort = HexFormat.of().formatHex(key).substring(0, 40);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PseudonymizationKey.parse(tooShort));
        assertTrue(e.getMessage().contains(PseudonymizationKey.SETTING), e.getMessage());
        assertFalse(e.getMessage().contains(tooShort), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PseudonymizationKey.parse(null));
        assertTrue(e.getMessage().contains("probe.pseudonymize=true"), e.getMessage());
    }
}
