package dev.workbench.core.program;

import dev.workbench.core.experiment.Learning;

/**
 * What {@code record-learning} answers: the learning as kept, where it is in the record's {@code learnings}, and the
 * record's revision after the write.
 *
 * @param experiment the experiment's slug
 * @param learning   the learning as stored, with the time it was recorded
 * @param index      its position in the record's {@code learnings}, from 0
 * @param revision   the record's revision after this write
 */
public record RecordedLearning(String experiment, Learning learning, int index, long revision) {}
