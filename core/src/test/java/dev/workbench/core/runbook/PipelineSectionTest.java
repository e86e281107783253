package dev.workbench.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineSectionTest {
    @Test
    void longLanes_wrapWithinOneHundredColumns_keepingEveryBox() {
        List<String> boxes = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            boxes.add(
                    i % 2 == 0
                            ? "[" + String.format("%02d", i) + "_a-rather-long-operation-name]"
                            : "(#" + i + " python steps/step_" + i + ".py --input data/big.csv)");
        }
        List<String> lines = PipelineSection.wrap(boxes);
        assertThat(lines)
                .hasSizeGreaterThan(5)
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith("  --> "));
        String joined = String.join(" ", lines);
        boxes.forEach(box -> assertThat(joined).contains(box));
    }
}
