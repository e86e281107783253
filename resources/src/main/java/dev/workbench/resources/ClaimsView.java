package dev.workbench.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.program.Claims;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code aw://claims}: every claim of the program, in slug order: its statement, status, whether that status holds as
 * a person's approved decision, and how many experiments roll up to it.
 */
final class ClaimsView implements ResourceView {
    static final String URI = "aw://claims";
    private static final ResourceInfo INFO = new ResourceInfo(
            URI,
            "claims",
            "Claims",
            "The program's claims: statement, status, approved or not, and how many experiments bear on each.",
            Render.JSON);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        List<Claims.Summary> claims = wb.claims().list();
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("total", claims.size());
        out.set("items", Json.toTree(claims));
        return new ResourceContent(uri.uri(), Render.JSON, Render.pretty(out));
    }

    /**
     * A claim's counts follow its experiments' records; whether its status holds follows the approval policy and
     * the allowed signers too.
     */
    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return switch (change.kind()) {
            case CLAIM, EXPERIMENT, APPROVAL_POLICY -> Stream.of(URI);
            default -> Stream.empty();
        };
    }
}
