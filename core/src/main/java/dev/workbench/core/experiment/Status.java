package dev.workbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The lifecycle of an experiment: {@code draft → collecting → analyzing → decided → archived}, and back from
 * {@code analyzing} to {@code collecting} to collect more data. Nothing else.
 */
public enum Status {
    @JsonProperty("draft")
    DRAFT,
    @JsonProperty("collecting")
    COLLECTING,
    @JsonProperty("analyzing")
    ANALYZING,
    @JsonProperty("decided")
    DECIDED,
    @JsonProperty("archived")
    ARCHIVED;

    public Set<Status> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(COLLECTING);
            case COLLECTING -> EnumSet.of(ANALYZING);
            case ANALYZING -> EnumSet.of(DECIDED, COLLECTING);
            case DECIDED -> EnumSet.of(ARCHIVED);
            case ARCHIVED -> EnumSet.noneOf(Status.class);
        };
    }

    /** Whether inputData may be written, and the stored record analysed: only after the freeze, before the decision. */
    public boolean acceptsData() {
        return this == COLLECTING || this == ANALYZING;
    }

    public boolean canMoveTo(Status target) {
        return next().contains(target);
    }

    /** The wire name, as agents write it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
