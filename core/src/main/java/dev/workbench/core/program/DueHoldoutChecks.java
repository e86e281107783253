package dev.workbench.core.program;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.store.SeriesLogs;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The holdout checks that are due, read cheaply: the launched experiments with a holdout are found from the list of
 * slugs alone (a slug {@code <p>-holdout-<N>d} whose {@code <p>} is on record names a candidate), so only those
 * parents and their due checkpoints are read, never every record. A plan whose checkpoints were all removed by hand
 * is not found this way ({@code analyze-holdout} still reports it); a record that cannot be read is skipped here and
 * listed with its problem by the experiment page. A checkpoint analysed on data cut off before its day is not done:
 * it stays due, {@code early} (see {@link #cutoff}).
 */
final class DueHoldoutChecks {
    private static final Pattern CHECKPOINT = Pattern.compile("^(.+)-holdout-([1-9][0-9]*)d$");

    private DueHoldoutChecks() {}

    /** The checks due on or before {@code today}, oldest first. */
    static List<HoldoutCheckDue> due(Experiments experiments, SeriesLogs series, LocalDate today) {
        // A set, not a binary search: the back end sorts slugs as it likes (the file one by file name, where
        // "checkout-holdout-30d.json" comes before "checkout.json").
        Set<String> slugs = new HashSet<>(experiments.slugs());
        TreeSet<String> parents = new TreeSet<>();
        for (String slug : slugs) {
            Matcher m = CHECKPOINT.matcher(slug);
            if (m.matches() && slugs.contains(m.group(1))) {
                parents.add(m.group(1));
            }
        }
        List<HoldoutCheckDue> due = new ArrayList<>();
        for (String slug : parents) {
            Holdout plan =
                    read(experiments, slug).map(e -> e.lineage().holdout()).orElse(null);
            if (plan == null || HoldoutCheckpoints.problem(plan) != null) {
                continue; // analyze-holdout names what is wrong with it
            }
            for (int day : plan.checkAtDays()) {
                String dueOn = HoldoutCheckpoints.dueOn(plan.launchedAt(), day);
                if (LocalDate.parse(dueOn).isAfter(today)) {
                    break;
                }
                String checkpoint = HoldoutCheckpoints.slug(slug, day);
                String state = state(read(experiments, checkpoint), slug, series, LocalDate.parse(dueOn));
                if (state != null) {
                    due.add(new HoldoutCheckDue(slug, checkpoint, day, dueOn, state));
                }
            }
        }
        due.sort(Comparator.comparing(HoldoutCheckDue::dueOn).thenComparing(HoldoutCheckDue::checkpoint));
        return due;
    }

    /** What the check still needs, or null when the checkpoint has a current analysis of data through its day. */
    private static String state(Optional<Experiment> found, String parent, SeriesLogs series, LocalDate dueOn) {
        Experiment e = found.filter(c -> parent.equals(c.parent())).orElse(null);
        if (e == null) {
            return HoldoutCheckDue.MISSING;
        }
        Boolean stale = e.analysisStale();
        if (stale == null) {
            return e.status().wireName();
        }
        if (stale) {
            return HoldoutCheckDue.STALE;
        }
        Instant cutoff = cutoff(e, series);
        return cutoff != null
                        && cutoff.isBefore(dueOn.atStartOfDay(ZoneOffset.UTC).toInstant())
                ? HoldoutCheckDue.EARLY
                : null;
    }

    /**
     * Up to when the analysed data reach: no later than the analysis's {@code computed_at} (data cannot hold what had
     * not happened), and, when the checkpoint's latest collection came before the analysis, no later than that
     * collection's {@code as_of} (its cut-off; a collection with {@code asOf} in the past may be analysed after its
     * day). Null when the analysis says nothing of when it was computed.
     */
    static Instant cutoff(Experiment checkpoint, SeriesLogs series) {
        Instant computed = instant(checkpoint.analysisResult().path("computed_at"));
        if (computed == null) {
            return null;
        }
        JsonNode latest = series.latest(checkpoint.slug()).orElse(null);
        Instant collected = latest == null ? null : instant(latest.path("collected_at"));
        Instant asOf = latest == null ? null : instant(latest.path("as_of"));
        return collected != null && asOf != null && !collected.isAfter(computed) && asOf.isBefore(computed)
                ? asOf
                : computed;
    }

    private static Instant instant(JsonNode text) {
        if (!text.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Optional<Experiment> read(Experiments experiments, String slug) {
        try {
            return experiments.find(slug);
        } catch (WorkbenchException unreadable) {
            return Optional.empty();
        }
    }
}
