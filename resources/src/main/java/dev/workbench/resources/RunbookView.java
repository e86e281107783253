package dev.workbench.resources;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.runbook.RunbookStatus;
import dev.workbench.core.store.Change;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** {@code aw://runbook}: runbook.md as written, cut to fit a response; the whole file is at the root. */
final class RunbookView implements ResourceView {
    static final String URI = "aw://runbook";
    private static final ResourceInfo INFO = new ResourceInfo(
            URI, "runbook", "Runbook", "runbook.md as last written by write-runbook.", Render.MARKDOWN);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        Path file = wb.backend().root().resolve(RunbookStatus.FILE);
        if (!Files.exists(file)) {
            throw new WorkbenchException(ErrorCode.NOT_FOUND, "runbook.md does not exist yet; call write-runbook");
        }
        try {
            return new ResourceContent(uri.uri(), Render.MARKDOWN, Render.cut(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.RUNBOOK ? Stream.of(URI) : Stream.empty();
    }
}
