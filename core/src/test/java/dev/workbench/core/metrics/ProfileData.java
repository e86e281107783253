package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Generated rows for profile tests (id, amount with nulls, name from a skewed vocabulary with nulls, at, flag) and
 * the profile computed directly from them in Java, to compare with what an engine computed.
 */
record ProfileData(List<Long> ids, List<Double> amounts, List<String> names, List<String> ats, List<Boolean> flags) {
    private static final String[] VOCAB = {"apple", "kiwi", "banana", "cherry", "fig", "grape", "lemon", "mango"};

    static ProfileData generate(Random random, int n) {
        List<Long> ids = new ArrayList<>();
        List<Double> amounts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> ats = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add((long) i + 1);
            amounts.add(random.nextInt(10) == 0 ? null : random.nextInt(200_000) / 100.0 - 300);
            int w = (int) Math.floor(Math.pow(random.nextDouble(), 2) * VOCAB.length);
            names.add(random.nextInt(20) == 0 ? null : VOCAB[w] + (w == 0 ? "" : "s".repeat(w)));
            ats.add(String.format(
                    "2026-11-%02d %02d:%02d:%02d",
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60)));
            flags.add(random.nextBoolean());
        }
        return new ProfileData(ids, amounts, names, ats, flags);
    }

    void writeCsv(Path file) throws IOException {
        StringBuilder b = new StringBuilder("id,amount,name,at,flag\n");
        for (int i = 0; i < ids.size(); i++) {
            b.append(ids.get(i))
                    .append(',')
                    .append(amounts.get(i) == null ? "" : amounts.get(i).toString())
                    .append(',')
                    .append(names.get(i) == null ? "" : names.get(i))
                    .append(',')
                    .append(ats.get(i))
                    .append(',')
                    .append(flags.get(i))
                    .append('\n');
        }
        Files.writeString(file, b);
    }

    /** {@code p} agrees with the direct computation (numbers within 1e-9 relative). */
    void check(Profile p) {
        assertThat(p.columns()).extracting(ColumnProfile::name).containsExactly("id", "amount", "name", "at", "flag");
        assertThat(p.columns())
                .extracting(ColumnProfile::kind)
                .containsExactly("numeric", "numeric", "text", "temporal", "boolean");
        int n = ids.size();
        ColumnProfile id = p.columns().get(0);
        assertThat(id.rows()).isEqualTo(n);
        assertThat(id.nulls()).isZero();
        assertThat(id.distinct()).isEqualTo(n);
        assertThat(id.min().asLong()).isEqualTo(1L);
        assertThat(id.max().asLong()).isEqualTo((long) n);

        List<Double> a = amounts.stream().filter(Objects::nonNull).sorted().toList();
        ColumnProfile amount = p.columns().get(1);
        assertThat(amount.nulls()).isEqualTo(n - a.size());
        assertThat(amount.nullFraction()).isCloseTo((double) (n - a.size()) / n, within(1e-15));
        assertThat(amount.distinct()).isEqualTo(a.stream().distinct().count());
        assertThat(amount.min().asDouble()).isEqualTo(a.get(0));
        assertThat(amount.max().asDouble()).isEqualTo(a.get(a.size() - 1));
        double mean = a.stream().mapToDouble(Double::doubleValue).sum() / a.size();
        double ss = a.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        close(amount.mean(), mean);
        close(amount.stddev(), Math.sqrt(ss / (a.size() - 1)));
        ColumnProfile.Quantiles q = amount.quantiles();
        double[] got = {q.p01(), q.p05(), q.p25(), q.p50(), q.p75(), q.p95(), q.p99()};
        for (int i = 0; i < got.length; i++) {
            close(got[i], quantile(a, ColumnProfile.Quantiles.PROBABILITIES[i]));
        }

        List<String> s = names.stream().filter(Objects::nonNull).toList();
        ColumnProfile name = p.columns().get(2);
        assertThat(name.nulls()).isEqualTo(n - s.size());
        assertThat(name.distinct()).isEqualTo(s.stream().distinct().count());
        assertThat(name.min().asText())
                .isEqualTo(s.stream().min(Comparator.naturalOrder()).orElseThrow());
        assertThat(name.max().asText())
                .isEqualTo(s.stream().max(Comparator.naturalOrder()).orElseThrow());
        assertThat(name.minLength())
                .isEqualTo(s.stream().mapToLong(String::length).min().orElseThrow());
        assertThat(name.maxLength())
                .isEqualTo(s.stream().mapToLong(String::length).max().orElseThrow());
        Map<String, Long> counts =
                new TreeMap<>(s.stream().collect(Collectors.groupingBy(x -> x, Collectors.counting())));
        List<ColumnProfile.TopValue> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5)
                .map(e -> new ColumnProfile.TopValue(e.getKey(), e.getValue()))
                .toList();
        assertThat(name.topValues()).isEqualTo(top);

        ColumnProfile at = p.columns().get(3);
        assertThat(at.min().asText())
                .isEqualTo(ats.stream()
                        .min(Comparator.naturalOrder())
                        .orElseThrow()
                        .replace(' ', 'T'));
        assertThat(at.max().asText())
                .isEqualTo(ats.stream()
                        .max(Comparator.naturalOrder())
                        .orElseThrow()
                        .replace(' ', 'T'));
        assertThat(at.distinct()).isEqualTo(ats.stream().distinct().count());

        ColumnProfile flag = p.columns().get(4);
        assertThat(flag.min().asBoolean()).isFalse();
        assertThat(flag.max().asBoolean()).isTrue();
        assertThat(flag.distinct()).isEqualTo(2);
    }

    /** The continuous quantile (linear interpolation between order statistics, R type 7) of sorted values. */
    static double quantile(List<Double> sorted, double p) {
        double h = (sorted.size() - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.size() - 1);
        return sorted.get(lo) + (h - lo) * (sorted.get(hi) - sorted.get(lo));
    }

    static void close(Double got, double expected) {
        assertThat(got).isNotNull();
        assertThat(got).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }
}
