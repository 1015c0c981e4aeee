package com.shopkhaos.model.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sandbox console's sign-in: a right password gets a session; a forged, altered or old one gets nothing. */
class ConsoleSessionsTest {
    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");
    private final ConsoleSessions sessions = new ConsoleSessions(Map.of("priya", "a-long-enough-password"), "k".repeat(32).getBytes());

    private static Optional<String> token(String value) {
        return Optional.of(value);
    }

    @Test
    void aRightPassword_signsIn_forEightHours() {
        String value = sessions.signIn("priya", "a-long-enough-password", NOW).orElseThrow();
        assertThat(sessions.who(token(value), NOW.plus(Duration.ofHours(7)))).contains("priya");
        assertThat(sessions.who(token(value), NOW.plus(Duration.ofHours(9)))).as("expired").isEmpty();
    }

    @Test
    void aWrongPasswordOrAnAlteredCookie_getsNothing() {
        assertThat(sessions.signIn("priya", "wrong", NOW)).isEmpty();
        assertThat(sessions.signIn("someone", "a-long-enough-password", NOW)).isEmpty();
        String value = sessions.signIn("priya", "a-long-enough-password", NOW).orElseThrow();
        String forgedName = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("admin|" + NOW.plusSeconds(3600).getEpochSecond()).getBytes()) + value.substring(value.indexOf('.'));
        assertThat(sessions.who(token(forgedName), NOW)).isEmpty();
        assertThat(sessions.who(token(value + "x"), NOW)).isEmpty();
        assertThat(sessions.who(Optional.of("nothing-here"), NOW)).isEmpty();
        ConsoleSessions other = new ConsoleSessions(Map.of("priya", "a-long-enough-password"), "z".repeat(32).getBytes());
        assertThat(other.who(token(value), NOW)).as("signed by another server's key").isEmpty();
    }

    @Test
    void usersAreConfiguredAsPairs_withPasswordsOfTwelveOrMore() {
        assertThat(ConsoleSessions.parseUsers("ops:sandbox-ops-password, cx@shop:another-password1")).containsOnlyKeys("ops", "cx@shop");
        assertThatThrownBy(() -> ConsoleSessions.parseUsers("ops:short")).hasMessageContaining("12");
        assertThat(ConsoleSessions.parseUsers("")).isEmpty();
    }
}
