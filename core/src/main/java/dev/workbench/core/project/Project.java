package dev.workbench.core.project;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.ProjectRecord;
import dev.workbench.core.store.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads and changes the project status, the authoritative project state. */
public final class Project {
    /** At most this many areas, so the project state always fits a response beside the other views. */
    public static final int MAX_AREAS = 100;
    /** The project state may take half of a response; get-project fills the rest. */
    public static final int MAX_STATE_RESPONSE = ResponseBudget.LIMIT / 2;

    private final Transactions transactions;
    private final ProjectRecord record;
    private final Clock clock;
    private final ActivityLog activity;

    public Project(Transactions transactions, ProjectRecord record, Clock clock, ActivityLog activity) {
        this.transactions = transactions;
        this.record = record;
        this.clock = clock;
        this.activity = activity;
    }

    public ProjectState get() {
        return record.read().orElse(ProjectState.EMPTY);
    }

    /** The result of an update: the state as stored, and the activity line written for it (null when nothing changed). */
    public record Updated(ProjectState project, ActivityEntry activity) {}

    public Updated update(ProjectUpdate change) {
        return transactions.transaction(() -> {
            ProjectState current = get();
            if (change.expectedRevision() != null && change.expectedRevision() != current.revision()) {
                throw new WorkbenchException(
                        ErrorCode.CONFLICT,
                        "status.json is at revision " + current.revision() + ", not " + change.expectedRevision()
                                + "; call get-project and apply the change again");
            }
            String now = Backend.now(clock);
            ProjectState next = current;
            List<String> changed = new ArrayList<>();
            if (change.changesState()) {
                next = apply(current, change, changed, now);
                if (!changed.isEmpty()) {
                    checkSize(next);
                    record.write(next);
                }
            }
            // A change that changes nothing leaves no trace, so repeating a call is harmless.
            ActivityEntry entry = null;
            if (change.activity() != null) {
                entry = activity.append(
                        now,
                        change.activity().type(),
                        change.activity().title(),
                        change.activity().detail());
            } else if (!changed.isEmpty()) {
                entry = activity.append(now, "project.updated", "Project updated: " + String.join(", ", changed), null);
            }
            return new Updated(next, entry);
        });
    }

    private static void checkSize(ProjectState next) {
        if (next.areas().size() > MAX_AREAS) {
            throw new WorkbenchException(
                    ErrorCode.INPUT_TOO_LARGE,
                    "area: a project has at most " + MAX_AREAS + " areas; reuse or rename an existing one");
        }
        int size = ResponseBudget.toolResponse(next);
        if (size > MAX_STATE_RESPONSE) {
            throw new WorkbenchException(
                    ErrorCode.INPUT_TOO_LARGE,
                    "the project state would take " + size + " bytes to send back, over its share of "
                            + MAX_STATE_RESPONSE + "; shorten the longest fields");
        }
    }

    private ProjectState apply(ProjectState s, ProjectUpdate c, List<String> changed, String now) {
        String name = pick("name", s.name(), c.name(), changed);
        String hypothesis = pick("hypothesis", s.hypothesis(), c.hypothesis(), changed);
        String metric = pick("primaryMetric", s.primaryMetric(), c.primaryMetric(), changed);
        String stage = pick("stage", s.stage(), c.stage(), changed);
        String lastAction = pick("lastAction", s.lastAction(), c.lastAction(), changed);
        Map<String, AreaState> areas = new LinkedHashMap<>(s.areas());
        if (c.area() != null) {
            AreaState old = areas.get(c.area().name());
            AreaState merged = new AreaState(
                    c.area().mode() != null ? c.area().mode() : old == null ? null : old.mode(),
                    c.area().nextMode() != null ? c.area().nextMode() : old == null ? null : old.nextMode(),
                    c.area().reviewSurface() != null
                            ? c.area().reviewSurface()
                            : old == null ? null : old.reviewSurface(),
                    null);
            if (old == null || !sameArea(old, merged)) {
                areas.put(
                        c.area().name(), new AreaState(merged.mode(), merged.nextMode(), merged.reviewSurface(), now));
                changed.add("area " + c.area().name());
            }
        }
        if (changed.isEmpty()) {
            return s;
        }
        return new ProjectState(name, hypothesis, metric, stage, lastAction, areas, s.revision() + 1, now);
    }

    private static boolean sameArea(AreaState a, AreaState b) {
        return a.mode() == b.mode()
                && a.nextMode() == b.nextMode()
                && Objects.equals(a.reviewSurface(), b.reviewSurface());
    }

    private static String pick(String field, String old, String given, List<String> changed) {
        if (given == null || given.equals(old)) {
            return old;
        }
        changed.add(field);
        return given;
    }
}
