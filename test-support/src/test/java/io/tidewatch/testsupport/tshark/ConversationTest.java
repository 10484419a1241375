package io.tidewatch.testsupport.tshark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConversationTest {

    @Test
    void eitherDirectionAndAnySpellingOfAnAddressIsOneConversation() {
        Conversation c = Conversation.of("tcp", "2001:0db8::1", 443, "10.0.0.2", 5000);
        assertEquals(c, Conversation.of(6, "10.0.0.2", 5000, "2001:db8:0:0:0:0:0:1", 443));
        assertNotEquals(c, Conversation.of("udp", "10.0.0.2", 5000, "2001:db8::1", 443));
        assertTrue(c.hasPort(443) && c.hasPort(5000) && !c.hasPort(80));
        assertEquals("tcp 10.0.0.2:5000 <-> [2001:db8:0:0:0:0:0:1]:443", c.toString());
        assertFalse(c.isIpv6(), "the lower endpoint here is IPv4");
    }

    @Test
    void badInputIsNamed() {
        assertEquals("IP address 'host.example': expected a literal IPv4 or IPv6 address",
                assertThrows(IllegalArgumentException.class,
                        () -> Conversation.of("tcp", "host.example", 1, "10.0.0.1", 2)).getMessage());
        assertEquals("port 70000: expected 0 to 65535", assertThrows(IllegalArgumentException.class,
                () -> Conversation.of("tcp", "10.0.0.1", 70000, "10.0.0.2", 2)).getMessage());
        assertEquals("IP protocol 1: expected 6 (tcp) or 17 (udp)", assertThrows(IllegalArgumentException.class,
                () -> Conversation.of(1, "10.0.0.1", 0, "10.0.0.2", 0)).getMessage());
        assertEquals("conversation transport 'sctp': expected tcp or udp", assertThrows(
                IllegalArgumentException.class, () -> Conversation.of("sctp", "10.0.0.1", 1, "10.0.0.2", 2))
                .getMessage());
    }
}
