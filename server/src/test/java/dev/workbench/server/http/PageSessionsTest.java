package dev.workbench.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.page.Dashboard;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Login codes, sessions and CSRF tokens of the page, without HTTP: a clock the test moves, a seeded random. */
class PageSessionsTest {
    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final List<String> announced = new ArrayList<>();
    private final PageSessions sessions = new PageSessions(clock, seeded(), announced::add);

    @Test
    void theAnnouncedCode_opensASession_andAFreshCodeIsAnnounced() {
        sessions.announceCode();
        String code = announced.get(0);

        PageSessions.Login login = sessions.login(code);

        assertThat(login.ok()).isTrue();
        assertThat(sessions.find(login.token())).containsSame(login.session());
        assertThat(announced).hasSize(2);
        assertThat(announced.get(1)).isNotEqualTo(code);
        assertThat(sessions.login(announced.get(1)).ok())
                .as("the fresh code lets another browser in")
                .isTrue();
    }

    @Test
    void aCode_worksOnce() {
        sessions.announceCode();
        String code = announced.get(0);
        assertThat(sessions.login(code).ok()).isTrue();

        PageSessions.Login again = sessions.login(code);

        assertThat(again.ok()).isFalse();
        assertThat(again.refusal()).contains("used, expired or unknown");
        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void anUnknownOrMissingCode_opensNothing() {
        sessions.announceCode();
        String code = announced.get(0);
        assertThat(sessions.login(code + "x").ok()).isFalse();
        assertThat(sessions.login(code.substring(1)).ok()).isFalse();
        assertThat(sessions.login("").ok()).isFalse();
        assertThat(sessions.login(null).ok()).isFalse();
        assertThat(sessions.size()).isZero();
        assertThat(sessions.login(code).ok())
                .as("wrong guesses do not spend the code")
                .isTrue();
    }

    @Test
    void aCode_expires_andTryingItAnnouncesAFreshOne() {
        sessions.announceCode();
        String code = announced.get(0);
        clock.move(PageSessions.CODE_LIFETIME);

        PageSessions.Login late = sessions.login(code);

        assertThat(late.ok()).isFalse();
        assertThat(late.refusal()).contains("fresh link has just been printed");
        assertThat(announced).hasSize(2);
        assertThat(sessions.login("unknown").refusal())
                .as("only an expired code makes a new one: guesses do not flood the log")
                .doesNotContain("fresh");
        assertThat(announced).hasSize(2);
        assertThat(sessions.login(announced.get(1)).ok()).isTrue();
    }

    @Test
    void codesAndTokens_are256RandomBits_neverRepeated() {
        var seen = new HashSet<String>();
        sessions.announceCode();
        for (int i = 0; i < 50; i++) {
            String code = announced.get(announced.size() - 1);
            PageSessions.Login login = sessions.login(code);
            for (String value : List.of(code, login.token(), login.session().csrf())) {
                assertThat(Base64.getUrlDecoder().decode(value)).hasSize(32);
                assertThat(seen.add(value)).as(value).isTrue();
            }
        }
    }

    @Test
    void theCsrfToken_matchesOnlyItsOwnSession() {
        sessions.announceCode();
        PageSessions.Session one = sessions.login(announced.get(0)).session();
        PageSessions.Session two = sessions.login(announced.get(1)).session();

        assertThat(one.csrfMatches(one.csrf())).isTrue();
        assertThat(one.csrfMatches(two.csrf())).isFalse();
        assertThat(one.csrfMatches(null)).isFalse();
        assertThat(one.csrfMatches("")).isFalse();
        assertThat(one.csrfMatches(one.csrf() + "=")).isFalse();
        assertThat(one.csrfMatches(one.csrf().substring(0, 42))).isFalse();
    }

    @Test
    void aSession_endsWhenIdle_andEachVisitRenewsIt() {
        sessions.announceCode();
        PageSessions.Login login = sessions.login(announced.get(0));
        clock.move(PageSessions.IDLE.minusMinutes(1));
        assertThat(sessions.find(login.token())).isPresent();
        clock.move(PageSessions.IDLE.minusMinutes(1));
        assertThat(sessions.alive(login.session())).isTrue();
        assertThat(sessions.find(login.token())).isPresent();

        clock.move(PageSessions.IDLE);

        assertThat(sessions.alive(login.session())).isFalse();
        assertThat(sessions.find(login.token())).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void unknownSessionTokens_findNothing() {
        sessions.announceCode();
        PageSessions.Login login = sessions.login(announced.get(0));
        assertThat(sessions.find(login.token() + "a")).isEmpty();
        assertThat(sessions.find(login.session().csrf()))
                .as("the CSRF token is not a session")
                .isEmpty();
        assertThat(sessions.find(announced.get(1))).as("nor is a login code").isEmpty();
        assertThat(sessions.find("")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    void aNotice_isShownOnce() {
        sessions.announceCode();
        PageSessions.Session s = sessions.login(announced.get(0)).session();
        assertThat(s.takeNotice()).isNull();
        var outcome = new Dashboard.Outcome(true, "approved", "/review");

        s.notice(outcome);

        assertThat(s.takeNotice()).isEqualTo(outcome);
        assertThat(s.takeNotice()).isNull();
    }

    @Test
    void pastTheLimit_theLeastRecentlySeenSessionGoes() {
        sessions.announceCode();
        PageSessions.Login first = sessions.login(announced.get(0));
        clock.move(Duration.ofSeconds(1));
        PageSessions.Login second = sessions.login(announced.get(1));
        for (int i = 2; i < PageSessions.MAX_SESSIONS; i++) {
            clock.move(Duration.ofSeconds(1));
            if (i == 500) {
                sessions.find(first.token()); // seen again: now the second is the oldest
            }
            sessions.login(announced.get(i));
        }
        clock.move(Duration.ofSeconds(1));
        sessions.login(announced.get(PageSessions.MAX_SESSIONS));

        assertThat(sessions.size()).isEqualTo(PageSessions.MAX_SESSIONS);
        assertThat(sessions.find(first.token())).isPresent();
        assertThat(sessions.find(second.token())).isEmpty();
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(17L);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
