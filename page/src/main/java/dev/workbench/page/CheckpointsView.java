package dev.workbench.page;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointName;
import dev.workbench.core.checkpoint.Checkpoints;
import dev.workbench.core.project.ActivityEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /checkpoints}: the checkpoints as a timeline, newest first, each with what it holds and whether a person or
 * the hooks took it, and the rollbacks among them: a rollback is read from the safety checkpoint it took first
 * ({@link CheckpointRollback}), with the activity log's entry for its reason; a rollback that found nothing to
 * restore took no checkpoint and is known from the log alone. Only the newest manifests are read.
 */
public final class CheckpointsView implements Dashboard.Route {
    /** Checkpoints shown: each manifest lists every file, so the oldest are left to aw://checkpoints. */
    static final int LIMIT = 100;
    /** Restored or deleted paths listed per rollback; the counts are complete. */
    static final int LISTED = 50;
    /** Activity entries searched for the rollbacks' reasons. */
    static final int ACTIVITY = 2000;

    static final String ROLLBACK = "checkpoint.rollback";

    private static final Pattern SAFETY = Pattern.compile(Pattern.quote(Checkpoints.SAFETY_PREFIX) + "(\\d+)");
    private static final Pattern NOTHING = Pattern.compile("Rolled back to (\\S+): nothing differed");

    private final Workbench wb;

    public CheckpointsView(Workbench wb) {
        this.wb = wb;
    }

    @Override
    public Optional<Page> render(String rest, PageRequest request) {
        if (rest != null && !rest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Page("Checkpoints", "checkpoints", body(request.links())));
    }

    /** One line of the timeline: a checkpoint (perhaps a rollback's safety), or a rollback that changed nothing. */
    private record Item(String at, int number, Checkpoint checkpoint, ActivityEntry nothingRestored) {}

    private String body(Links links) {
        List<String> names = new ArrayList<>(wb.checkpoints().names());
        names.sort(CheckpointName.BY_NUMBER);
        List<String> newest = names.subList(Math.max(0, names.size() - LIMIT), names.size());
        Map<Integer, Checkpoint> byNumber = new HashMap<>();
        List<Item> items = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String name : newest) {
            Optional<Checkpoint> c = read(name);
            if (c.isEmpty()) {
                unreadable.add(name);
                continue;
            }
            byNumber.put(c.get().number(), c.get());
            items.add(new Item(c.get().createdAt(), c.get().number(), c.get(), null));
        }
        List<ActivityEntry> log = wb.activity().recent(ACTIVITY).stream()
                .filter(e -> ROLLBACK.equals(e.type()))
                .toList();
        String oldest = items.isEmpty() ? null : items.get(0).at();
        for (ActivityEntry e : log) {
            if (NOTHING.matcher(e.title()).lookingAt() && (oldest == null || e.at().compareTo(oldest) >= 0)) {
                items.add(new Item(e.at(), Integer.MAX_VALUE, null, e));
            }
        }
        items.sort(Comparator.comparing(Item::at, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(Item::number)
                .reversed());

        // a link to a checkpoint is written only where its section is on this page: older ones have none
        Set<String> shown = new HashSet<>();
        byNumber.values().forEach(c -> shown.add(c.name()));
        Html h = new Html();
        h.el("h1", "Checkpoints");
        h.el("p", countNote(names.size(), newest.size()), "class", "muted", "data-test", "checkpoints-count");
        if (!unreadable.isEmpty()) {
            h.el(
                    "p",
                    "Cannot read " + String.join(", ", unreadable) + " (aw://checkpoints/<name> says why).",
                    "class",
                    "bad",
                    "data-test",
                    "checkpoints-unreadable");
        }
        if (items.isEmpty()) {
            h.el(
                    "p",
                    "No checkpoints yet: the checkpoint tool takes one by hand, the hooks before a shell command that"
                            + " changes tracked files.",
                    "data-test",
                    "checkpoints-empty");
            return h.toString();
        }
        h.open("ol", "class", "timeline", "data-test", "checkpoints-timeline");
        for (Item item : items) {
            if (item.checkpoint() == null) {
                nothingRestored(h, item.nothingRestored(), shown, links);
            } else {
                checkpoint(h, item.checkpoint(), byNumber, log, links);
            }
        }
        h.close("ol");
        return h.toString();
    }

    private Optional<Checkpoint> read(String name) {
        try {
            return wb.backend().checkpoints().read(name);
        } catch (WorkbenchException e) {
            return Optional.empty();
        }
    }

    private static String countNote(int total, int shown) {
        String word = total == 1 ? "checkpoint" : "checkpoints";
        return shown < total
                ? String.format(
                        Locale.ROOT,
                        "%,d of %,d %s, the newest (aw://checkpoints lists the others).",
                        shown,
                        total,
                        word)
                : String.format(Locale.ROOT, "%,d %s, newest first.", total, word);
    }

    private void checkpoint(
            Html h, Checkpoint c, Map<Integer, Checkpoint> byNumber, List<ActivityEntry> log, Links links) {
        Matcher safety = c.operation() == null ? null : SAFETY.matcher(c.operation());
        boolean isSafety = safety != null && safety.matches();
        boolean automatic = c.operation() != null && c.operation().startsWith(Checkpoints.AUTOMATIC_PREFIX);
        String kind = isSafety ? "safety, before a rollback" : automatic ? "automatic" : "by hand";
        h.open(
                "li",
                "id",
                "checkpoint-" + c.name(),
                "data-test",
                "checkpoint",
                "data-name",
                c.name(),
                "data-kind",
                isSafety ? "safety" : automatic ? "automatic" : "manual");
        h.open("h3")
                .text(c.name() + " ")
                .el("span", kind, "class", automatic ? "badge muted" : "badge")
                .close("h3");
        h.open("dl", "class", "kv");
        h.el("dt", "Taken")
                .open("dd")
                .el("time", Format.when(c.createdAt()), "datetime", c.createdAt(), "data-test", "checkpoint-time")
                .close("dd");
        h.el("dt", "Operation").el("dd", c.operation(), "data-test", "checkpoint-operation");
        if (c.note() != null) {
            h.el("dt", "Note").el("dd", c.note(), "data-test", "checkpoint-note");
        }
        if (c.area() != null) {
            h.el("dt", "Area").el("dd", c.area(), "data-test", "checkpoint-area");
        }
        h.el("dt", "Paths")
                .el(
                        "dd",
                        String.join(", ", c.paths() == null ? List.of() : c.paths()),
                        "data-test",
                        "checkpoint-paths");
        h.el("dt", "Holds")
                .el(
                        "dd",
                        c.files() + (c.files() == 1 ? " file, " : " files, ") + Format.bytes(c.bytes()) + " ("
                                + Format.bytes(c.newBytes()) + " new)",
                        "data-test",
                        "checkpoint-size",
                        "data-files",
                        Integer.toString(c.files()),
                        "data-bytes",
                        Long.toString(c.bytes()),
                        "data-new-bytes",
                        Long.toString(c.newBytes()));
        if (c.git() != null && c.git().commit() != null) {
            h.el("dt", "Commit")
                    .open("dd")
                    .el(
                            "code",
                            Format.shortHash(c.git().commit()),
                            "title",
                            c.git().commit())
                    .text(c.git().dirty() ? " (dirty)" : "")
                    .close("dd");
        }
        h.close("dl");
        if (isSafety) {
            Checkpoint target = byNumber.get(Integer.parseInt(safety.group(1)));
            if (target == null) {
                // older than the shown: a checkpoint's name is never its bare number, so look it up among the names
                target = findByNumber(Integer.parseInt(safety.group(1))).orElse(null);
            }
            rollback(h, c, target, byNumber.get(target == null ? -1 : target.number()) == target, log, links);
        }
        h.close("li");
    }

    /** A target older than the shown checkpoints: found by its number among the names. */
    private Optional<Checkpoint> findByNumber(int number) {
        for (String name : wb.checkpoints().names()) {
            if (CheckpointName.refersTo(Integer.toString(number), name)) {
                return read(name);
            }
        }
        return Optional.empty();
    }

    private static void rollback(
            Html h, Checkpoint safety, Checkpoint target, boolean targetShown, List<ActivityEntry> log, Links links) {
        h.open(
                "div",
                "data-test",
                "rollback",
                "data-safety",
                safety.name(),
                "data-target",
                target == null ? null : target.name());
        h.open("p").el("strong", "Rollback");
        if (target == null) {
            h.text(": its target checkpoint cannot be read; this checkpoint is the state it replaced.")
                    .close("p");
            h.close("div");
            return;
        }
        h.text(" to ");
        nameOrLink(h, target.name(), targetShown, links);
        h.text(". This checkpoint holds what stood before it (undo: roll back to " + safety.name() + ").")
                .close("p");
        for (ActivityEntry e : log) {
            if (e.title().contains("(undo: rollback to " + safety.name() + ")")) {
                h.open("p", "data-test", "rollback-log").text(e.title());
                if (e.detail() != null) {
                    h.text(". Reason: ").text(e.detail());
                }
                h.close("p");
                break;
            }
        }
        CheckpointRollback r = CheckpointRollback.of(safety, target);
        paths(h, "Restored", "restored", r.restored());
        paths(h, "Deleted", "removed", r.removed());
        h.close("div");
    }

    private static void paths(Html h, String title, String test, List<String> paths) {
        h.open("div", "data-test", test, "data-count", Integer.toString(paths.size()));
        h.text(title + " (" + paths.size() + ")" + (paths.isEmpty() ? "" : ": "));
        for (int i = 0; i < Math.min(LISTED, paths.size()); i++) {
            h.text(i == 0 ? "" : ", ").el("code", paths.get(i), "data-path", paths.get(i));
        }
        if (paths.size() > LISTED) {
            h.text(" and " + (paths.size() - LISTED) + " more");
        }
        h.close("div");
    }

    /** The checkpoint's name, a link to its section when that is on the page (it is among the newest shown). */
    private static void nameOrLink(Html h, String name, boolean shown, Links links) {
        if (shown) {
            h.link(links.checkpoint(name), name);
        } else {
            h.el("span", name, "data-test", "checkpoint-not-shown");
        }
    }

    private static void nothingRestored(Html h, ActivityEntry e, Set<String> shown, Links links) {
        Matcher m = NOTHING.matcher(e.title());
        m.lookingAt();
        h.open("li", "data-test", "rollback", "data-target", m.group(1));
        h.open("h3").text("Rollback to ");
        nameOrLink(h, m.group(1), shown.contains(m.group(1)), links);
        h.close("h3");
        h.open("p")
                .el("time", Format.when(e.at()), "datetime", e.at())
                .text(": nothing differed, nothing restored," + " no safety checkpoint taken.");
        if (e.detail() != null) {
            h.text(" Reason: ").text(e.detail());
        }
        h.close("p");
        h.open("div", "data-test", "restored", "data-count", "0")
                .text("Restored (0)")
                .close("div");
        h.close("li");
    }
}
