package dev.workbench.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.workspace.Store;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stat cache answers only for the exact stat it remembered, and never for a racily recent file. */
class StatCacheTest {
    static final long NOW = TimeUnit.DAYS.toMicros(20_000);
    static final FileStat OLD =
            new FileStat(10, NOW - TimeUnit.HOURS.toMicros(1), NOW - TimeUnit.HOURS.toMicros(1), 42, 0644);

    @Test
    void sameStat_givesTheRememberedHash_anyDifferenceGivesNone(@TempDir Path root) {
        Store store = new Store(root);
        StatCache cache = StatCache.load(store);
        cache.remember("a.csv", OLD, "h1", NOW);
        assertThat(cache.lookup("a.csv", OLD)).isEqualTo("h1");
        assertThat(cache.lookup("b.csv", OLD)).isNull();
        assertThat(cache.lookup("a.csv", new FileStat(11, OLD.mtimeMicros(), OLD.ctimeMicros(), 42, 0644)))
                .isNull();
        assertThat(cache.lookup("a.csv", new FileStat(10, OLD.mtimeMicros() + 1, OLD.ctimeMicros(), 42, 0644)))
                .isNull();
        assertThat(cache.lookup("a.csv", new FileStat(10, OLD.mtimeMicros(), OLD.ctimeMicros() + 1, 42, 0644)))
                .isNull();
        assertThat(cache.lookup("a.csv", new FileStat(10, OLD.mtimeMicros(), OLD.ctimeMicros(), 43, 0644)))
                .isNull();
    }

    @Test
    void racilyRecentFile_isNotRemembered(@TempDir Path root) {
        StatCache cache = StatCache.load(new Store(root));
        FileStat recent = new FileStat(10, NOW - 1000, NOW - 1000, 42, 0644);
        cache.remember("a.csv", recent, "h1", NOW);
        assertThat(cache.lookup("a.csv", recent)).isNull();
    }

    @Test
    void savedCache_isReadBack(@TempDir Path root) {
        Store store = new Store(root);
        StatCache cache = StatCache.load(store);
        cache.remember("a.csv", OLD, "h1", NOW);
        store.transaction(() -> cache.save(store));
        assertThat(StatCache.load(store).lookup("a.csv", OLD)).isEqualTo("h1");
    }
}
