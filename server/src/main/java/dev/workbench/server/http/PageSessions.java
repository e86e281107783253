package dev.workbench.server.http;

import dev.workbench.core.Sha256;
import dev.workbench.page.Dashboard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Who may see the page of {@code aw serve --http}: one-time login codes and the browser sessions they open. The
 * bearer token of {@code /mcp} is for programs and lives in a file or the environment; a person instead opens a
 * link that the server prints on its standard error, which only whoever started it can read. That link's code works
 * once and for {@link #CODE_LIFETIME}; after each login a fresh one is announced so that another browser can log in.
 * A session ends after {@link #IDLE} without a request. Everything is in memory: a restart logs everyone out.
 *
 * <p>Codes, session tokens and CSRF tokens are 256 random bits each. Only their SHA-256 digests are kept and
 * compared, with {@link MessageDigest#isEqual} on equal-length digests, so neither a lookup nor a comparison takes
 * a time that depends on how much of a guess was right.
 */
final class PageSessions {
    static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    static final Duration IDLE = Duration.ofHours(12);
    /** More logins than this (each one needs a link from stderr) and the least recently seen sessions go. */
    static final int MAX_SESSIONS = 1000;

    /** One logged-in browser: its CSRF token, when it was last seen, and the notice of its last action. */
    static final class Session {
        private final String csrf;
        private final byte[] csrfDigest;
        private volatile Instant lastSeen;
        /** Set once the session is removed (idle, or evicted): what an event stream's heartbeat asks, cheaply. */
        private volatile boolean ended;

        private final AtomicReference<Dashboard.Outcome> notice = new AtomicReference<>();

        private Session(String csrf, Instant now) {
            this.csrf = csrf;
            this.csrfDigest = digest(csrf);
            this.lastSeen = now;
        }

        /** The token every form of this session carries (field {@code csrf} or header {@code X-CSRF-Token}). */
        String csrf() {
            return csrf;
        }

        /** Whether {@code given} is this session's CSRF token, in a time that does not depend on the guess. */
        boolean csrfMatches(String given) {
            return given != null && MessageDigest.isEqual(digest(given), csrfDigest);
        }

        /** Keeps what an action did, for the next page this session opens. */
        void notice(Dashboard.Outcome outcome) {
            notice.set(outcome);
        }

        /** The kept notice, once: null when there is none. */
        Dashboard.Outcome takeNotice() {
            return notice.getAndSet(null);
        }
    }

    /** A login: the new session's token (the cookie's value), or why there is none. */
    record Login(String token, Session session, String refusal) {
        boolean ok() {
            return token != null;
        }
    }

    private final Clock clock;
    private final SecureRandom random;
    private final Consumer<String> announce;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private byte[] codeDigest;
    private Instant codeExpires = Instant.MIN;

    /**
     * @param announce told each new login code, to print as a link where the person who started the server reads it
     */
    PageSessions(Clock clock, SecureRandom random, Consumer<String> announce) {
        this.clock = clock;
        this.random = random;
        this.announce = announce;
    }

    /** Makes a new login code (the previous one stops working) and announces it. */
    synchronized void announceCode() {
        String code = randomToken();
        codeDigest = digest(code);
        codeExpires = clock.instant().plus(CODE_LIFETIME);
        announce.accept(code);
    }

    /**
     * Exchanges the current login code for a new session and announces the next code. A wrong, used or expired
     * code opens nothing; when the current code has expired, a fresh one is announced, so that the person reading
     * the refusal finds a working link where the last one was.
     */
    synchronized Login login(String code) {
        Instant now = clock.instant();
        boolean expired = !now.isBefore(codeExpires);
        if (expired) {
            announceCode();
            return new Login(
                    null,
                    null,
                    "This login link is used, expired or unknown. The last one had expired, so a fresh link "
                            + "has just been printed where aw serve writes its messages.");
        }
        if (code == null || codeDigest == null || !MessageDigest.isEqual(digest(code), codeDigest)) {
            return new Login(null, null, "This login link is used, expired or unknown.");
        }
        String token = randomToken();
        Session session = new Session(randomToken(), now);
        forgetIdle(now);
        sessions.put(key(token), session);
        announceCode();
        return new Login(token, session, null);
    }

    /** The session whose cookie value is {@code token}, now seen again; empty when there is none or it went idle. */
    Optional<Session> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String key = key(token);
        Session session = sessions.get(key);
        if (session == null) {
            return Optional.empty();
        }
        if (idle(session, now)) {
            if (sessions.remove(key, session)) {
                session.ended = true;
            }
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    /** Whether the session still exists and has not gone idle (an open event stream asks, without renewing it). */
    boolean alive(Session session) {
        return !session.ended && !idle(session, clock.instant());
    }

    int size() {
        return sessions.size();
    }

    private void forgetIdle(Instant now) {
        sessions.values().removeIf(s -> {
            boolean gone = idle(s, now);
            s.ended |= gone;
            return gone;
        });
        while (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().stream()
                    .min(Comparator.comparing(e -> e.getValue().lastSeen))
                    .ifPresent(e -> {
                        if (sessions.remove(e.getKey(), e.getValue())) {
                            e.getValue().ended = true;
                        }
                    });
        }
    }

    private static boolean idle(Session session, Instant now) {
        return !now.isBefore(session.lastSeen.plus(IDLE));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String key(String token) {
        return Base64.getEncoder().encodeToString(digest(token));
    }

    private static byte[] digest(String value) {
        return Sha256.digest().digest(value.getBytes(StandardCharsets.UTF_8));
    }
}
