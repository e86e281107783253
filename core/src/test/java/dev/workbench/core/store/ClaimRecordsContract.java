package dev.workbench.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.program.Claim;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every back end's {@link ClaimRecords} does: a claim written under its slug comes back equal, its approval
 * included; a second write replaces it; slugs are listed sorted; a second back end on the same root sees all of it.
 * A back end passes by subclassing this with its {@link #open}.
 */
public abstract class ClaimRecordsContract {
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    protected Path root;

    /** A back end for {@code root}; opened twice on one root, both see the same records (two processes). */
    protected abstract Backend open(Path root, Clock clock);

    protected static Claim supported(String slug, long revision) {
        return new Claim(
                slug,
                "Shorter forms convert better",
                Claim.Status.SUPPORTED,
                new Claim.StatusApproval(
                        "2026-11-21T10:00:00.000Z",
                        Claim.Status.SUPPORTED,
                        "Ada at a terminal",
                        "three experiments agree",
                        "ab".repeat(32),
                        "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n",
                        "ada@example.com"),
                revision,
                "2026-11-01T07:00:00.000Z",
                "2026-11-21T10:00:00.000Z");
    }

    private static void write(Backend backend, Claim c) {
        backend.transactions().transaction(() -> backend.claims().write(c));
    }

    @Test
    void aClaimWritten_comesBackEqual_andNothingElseIsThere() {
        Backend backend = open(root, CLOCK);
        assertThat(backend.claims().find("forms")).isEmpty();
        assertThat(backend.claims().slugs()).isEmpty();
        write(backend, supported("forms", 3));
        assertThat(backend.claims().find("forms")).contains(supported("forms", 3));
        assertThat(backend.claims().find("other")).isEmpty();
    }

    @Test
    void anOpenClaim_withoutApproval_comesBackEqual() {
        Backend backend = open(root, CLOCK);
        Claim open = new Claim(
                "open-one", "s", Claim.Status.OPEN, null, 1, "2026-11-01T07:00:00.000Z", "2026-11-01T07:00:00.000Z");
        write(backend, open);
        assertThat(backend.claims().find("open-one")).contains(open);
    }

    @Test
    void aSecondWrite_replacesTheFirst_andSlugsAreSorted() {
        Backend backend = open(root, CLOCK);
        write(backend, supported("zeta", 1));
        write(backend, supported("alpha", 1));
        Claim next = new Claim(
                "zeta", "reworded", Claim.Status.OPEN, null, 2, "2026-11-01T07:00:00.000Z", "2026-11-22T10:00:00.000Z");
        write(backend, next);
        assertThat(backend.claims().find("zeta")).contains(next);
        assertThat(backend.claims().slugs()).containsExactly("alpha", "zeta");
    }

    @Test
    void anotherBackEndOnTheSameRoot_seesTheClaims() {
        write(open(root, CLOCK), supported("forms", 1));
        Backend other = open(root, CLOCK);
        assertThat(other.claims().slugs()).containsExactly("forms");
        assertThat(other.claims().find("forms")).contains(supported("forms", 1));
    }
}
