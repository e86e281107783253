package dev.workbench.tools;

import dev.workbench.core.Workbench;
import dev.workbench.core.review.HumanApproval;

/**
 * What a tool call runs against: the workbench of the root folder being served, and the way to ask a person
 * for an approval in this call's channel ({@link HumanApproval#NONE} where there is none).
 */
public record ToolContext(Workbench workbench, HumanApproval human) {
    public ToolContext(Workbench workbench) {
        this(workbench, HumanApproval.NONE);
    }
}
