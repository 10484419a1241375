package io.tidewatch.streams.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** The pieces of the REST listener that decide without a broker: liveness, addresses, auth, settings. */
class RestServerTest {

    @Test
    void aClientIsLiveUntilItFailsStopsOrLosesEveryThread() {
        assertTrue(RestServer.live(State.CREATED, List.of()));
        assertTrue(RestServer.live(State.REBALANCING, List.of("PARTITIONS_ASSIGNED")));
        assertTrue(RestServer.live(State.RUNNING, List.of("DEAD", "RUNNING")));
        assertFalse(RestServer.live(State.RUNNING, List.of("DEAD")));
        assertFalse(RestServer.live(State.RUNNING, List.of()));
        for (State s : new State[] {State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING, State.PENDING_SHUTDOWN}) {
            assertFalse(RestServer.live(s, List.of("RUNNING")), s.name());
        }
    }

    @Test
    void onlyAddressLiteralsAreAcceptedSoNothingReachesDns() {
        assertEquals("10.0.0.5", RestServer.literalAddress("10.0.0.5").getHostAddress());
        assertEquals(16, RestServer.literalAddress("fd00::5").getAddress().length);
        assertNull(RestServer.literalAddress("example.org"));
        assertNull(RestServer.literalAddress("10.0.0.256"));
        assertNull(RestServer.literalAddress(""));
    }

    @Test
    void bearerAuthComparesTheWholeTokenAndNothingElse() {
        BearerAuth auth = new BearerAuth(Optional.of("abc123"));
        assertTrue(auth.allows("Bearer abc123"));
        assertTrue(auth.allows("bearer abc123"));
        assertFalse(auth.allows("Bearer abc12"));
        assertFalse(auth.allows("Bearer abc1234"));
        assertFalse(auth.allows("Basic abc123"));
        assertFalse(auth.allows(null));
        assertTrue(new BearerAuth(Optional.empty()).allows(null), "no token configured: open");
    }

    @Test
    void settingsDefaultToLoopbackAndNameBadValues() {
        RestSettings d = RestSettings.from(Settings.of(Map.of()));
        assertEquals("127.0.0.1", d.host());
        assertEquals(RestSettings.DEFAULT_PORT, d.port());
        assertFalse(d.enabled());
        assertTrue(d.authToken().isEmpty());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> RestSettings.from(Settings.of(Map.of("rest.port", "70000"))));
        assertTrue(port.getMessage().contains("rest.port=70000"), port.getMessage());
        IllegalArgumentException wildcard = assertThrows(IllegalArgumentException.class,
                () -> RestSettings.from(Settings.of(Map.of("rest.advertised.host", "0.0.0.0"))));
        assertTrue(wildcard.getMessage().contains("rest.advertised.host"), wildcard.getMessage());
        RestSettings any = RestSettings.from(Settings.of(Map.of("rest.host", "0.0.0.0")));
        assertFalse(any.advertisedHost().equals("0.0.0.0"), "a wildcard bind advertises the host name: " + any);
        RestSettings t = RestSettings.from(Settings.of(Map.of("rest.auth.token", "s3cr3t-value")));
        assertFalse(t.toString().contains("s3cr3t-value"), t.toString());
    }
}
