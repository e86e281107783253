package dev.workbench.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.store.EventLogs.Log;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every back end's {@link Transactions} does: a body is one step against every other writer of the root,
 * nested bodies join the outer one, and a failing body ends its transaction without holding anything.
 */
public abstract class TransactionsContract {
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.089Z"), ZoneOffset.UTC);

    @TempDir
    protected Path root;

    protected abstract Backend open(Path root, Clock clock);

    /** Appends an entry numbered after those before it, as the journal numbers decisions. */
    protected static long appendNumbered(Backend backend) {
        return backend.transactions().transaction(() -> {
            long id = backend.events().count(Log.ACTIVITY) + 1;
            backend.events().append(Log.ACTIVITY, new ActivityEntry("t", "test.numbered", Long.toString(id), null));
            return id;
        });
    }

    @Test
    void nested_joinsTheOuter_andReturnsTheInnerValue() {
        Backend backend = open(root, CLOCK);
        Transactions tx = backend.transactions();
        String result = tx.transaction(() -> {
            tx.transaction(() -> backend.events().append(Log.ACTIVITY, new ActivityEntry("t", "a", "inner", null)));
            assertThat(backend.events().count(Log.ACTIVITY))
                    .as("the outer body sees the inner write")
                    .isEqualTo(1);
            return tx.transaction(() -> "done");
        });
        assertThat(result).isEqualTo("done");
        assertThat(appendNumbered(backend)).isEqualTo(2);
    }

    /** Four writers (each its own back end, like processes) number entries: no number is given twice. */
    @Test
    void concurrentBodies_runOneAtATime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Backend backend = open(root, CLOCK);
            results.add(pool.submit(() -> {
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    ids.add(backend.transactions().transaction(() -> {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        try {
                            return appendNumbered(backend);
                        } finally {
                            inside.decrementAndGet();
                        }
                    }));
                }
                return ids;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : results) {
            all.addAll(f.get());
        }
        assertThat(all)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(mostInside).hasValue(1);
        assertThat(open(root, CLOCK).events().count(Log.ACTIVITY)).isEqualTo(200);
    }

    @Test
    void aFailureMidBody_reachesTheCallerAsThrown_andReleasesTheTransaction() throws Exception {
        Backend backend = open(root, CLOCK);
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> backend.transactions().transaction(() -> {
                    appendNumbered(backend);
                    throw boom;
                }))
                .isSameAs(boom);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Long> next = other.submit(() -> appendNumbered(open(root, CLOCK)));
            assertThat(next.get(60, TimeUnit.SECONDS))
                    .as("another writer is not kept waiting")
                    .isPositive();
        } finally {
            other.shutdown();
        }
        assertThat(appendNumbered(backend)).isEqualTo(backend.events().count(Log.ACTIVITY));
    }
}
