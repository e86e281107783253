package dev.workbench.core.store.file;

import dev.workbench.core.Check;
import dev.workbench.core.Json;
import dev.workbench.core.program.Claim;
import dev.workbench.core.store.ClaimRecords;
import dev.workbench.core.workspace.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ClaimRecords} as files: {@code .aw/claims/<slug>.json}, one pretty-printed claim each, written atomically. */
public final class FileClaimRecords implements ClaimRecords {
    /** The folder of the claims, under {@code .aw/}. */
    public static final String DIR = "claims";

    private static final String RECORD = ".json";

    private final Store store;

    public FileClaimRecords(Store store) {
        this.store = store;
    }

    private static String file(String slug) {
        return DIR + "/" + slug + RECORD;
    }

    @Override
    public Optional<Claim> find(String slug) {
        return store.read(file(slug), Claim.class);
    }

    /** From the folder listing alone; files whose names are not slugs are not claims. */
    @Override
    public List<String> slugs() {
        List<String> slugs = new ArrayList<>();
        for (String name : store.list(DIR, RECORD)) {
            String slug = name.substring(0, name.length() - RECORD.length());
            if (Check.isSlug(slug)) {
                slugs.add(slug);
            }
        }
        return slugs;
    }

    @Override
    public void write(Claim claim) {
        store.writeBytes(file(claim.slug()), Json.toFileBytes(claim));
    }
}
