package dev.workbench.core.review;

import dev.workbench.core.run.PathDigest;

/** review.md: the review as a person reads it. */
final class ReviewMarkdown {
    private ReviewMarkdown() {}

    static String render(String area, StageRecords.Review review, StageRecords.Manifest manifest) {
        StringBuilder md = new StringBuilder("# Review of ").append(area).append("\n\n");
        md.append(review.passed() ? "**Passed**" : "**Did not pass**")
                .append(" on ")
                .append(review.at())
                .append(".\n\n");
        md.append("## Checks\n\n| check | passed | detail |\n|---|---|---|\n");
        for (StageCheck c : review.checks()) {
            md.append("| ")
                    .append(cell(c.name()))
                    .append(" | ")
                    .append(c.passed() ? "yes" : "**no**")
                    .append(" | ")
                    .append(c.detail() == null ? "" : cell(c.detail()))
                    .append(" |\n");
        }
        md.append("\n## Artifacts\n\n");
        for (PathDigest a : manifest.artifacts()) {
            md.append("- `")
                    .append(a.path())
                    .append("` (")
                    .append(a.type())
                    .append(a.size() == null ? "" : ", " + a.size() + " bytes")
                    .append(a.sha256() == null ? "" : ", sha256 " + a.sha256().substring(0, 12))
                    .append(")\n");
        }
        if (review.interpretation() != null) {
            md.append("\n## Interpretation\n\n").append(review.interpretation()).append('\n');
        }
        if (!review.problems().isEmpty()) {
            md.append("\n## Problems\n\n");
            review.problems().forEach(p -> md.append("- ").append(p).append('\n'));
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
