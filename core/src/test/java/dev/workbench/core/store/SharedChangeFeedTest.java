package dev.workbench.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SharedChangeFeedTest {
    /** A feed whose batches the test sends by hand, counting its subscriptions. */
    private static final class HandFeed implements ChangeFeed {
        final List<Consumer<ChangeBatch>> open = new ArrayList<>();
        int subscriptions;

        @Override
        public Subscription subscribe(Consumer<ChangeBatch> listener) {
            subscriptions++;
            open.add(listener);
            return () -> open.remove(listener);
        }

        void send(ChangeBatch batch) {
            List.copyOf(open).forEach(l -> l.accept(batch));
        }
    }

    private static final ChangeBatch BATCH = new ChangeBatch(List.of(Change.of(Change.Kind.JOURNAL)), false, false);

    @Test
    void subscribe_manyListeners_oneSubscriptionToTheSource_eachGetsEveryBatch() {
        HandFeed source = new HandFeed();
        SharedChangeFeed shared = new SharedChangeFeed(source);
        List<String> got = new ArrayList<>();
        shared.subscribe(b -> got.add("a"));
        shared.subscribe(b -> got.add("b"));
        source.send(BATCH);
        assertThat(source.subscriptions).isEqualTo(1);
        assertThat(got).containsExactly("a", "b");
    }

    @Test
    void close_lastListener_closesTheSource_aNewListenerStartsItAgain() {
        HandFeed source = new HandFeed();
        SharedChangeFeed shared = new SharedChangeFeed(source);
        ChangeFeed.Subscription first = shared.subscribe(b -> {});
        ChangeFeed.Subscription second = shared.subscribe(b -> {});
        first.close();
        assertThat(source.open).hasSize(1);
        second.close();
        second.close(); // closing twice is harmless
        assertThat(source.open).isEmpty();
        shared.subscribe(b -> {});
        assertThat(source.subscriptions).isEqualTo(2);
        assertThat(source.open).hasSize(1);
    }

    @Test
    void deliver_aListenerThrows_theOthersStillHearIt() {
        HandFeed source = new HandFeed();
        SharedChangeFeed shared = new SharedChangeFeed(source);
        List<String> got = new ArrayList<>();
        shared.subscribe(b -> {
            throw new IllegalStateException("broken listener");
        });
        shared.subscribe(b -> got.add("heard"));
        source.send(BATCH);
        assertThat(got).containsExactly("heard");
    }
}
