package dev.workbench.core.store.file;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.program.Claim;
import dev.workbench.core.store.ClaimRecords;
import dev.workbench.core.workspace.Store;
import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * The claim stored as {@code <slug>.json}. A file whose record names another claim (a copy of another claim's
     * file, whose signed approval would otherwise read as this claim's) is refused: {@code STORE_ERROR}.
     */
    @Override
    public Optional<Claim> find(String slug) {
        Optional<Claim> claim = store.read(file(slug), Claim.class);
        if (claim.isPresent() && !slug.equals(claim.get().slug())) {
            throw new WorkbenchException(
                    ErrorCode.STORE_ERROR,
                    ".aw/" + file(slug) + " holds claim \"" + claim.get().slug() + "\", not \"" + slug
                            + "\"; a claim's file is named by its slug (restore it or remove it)");
        }
        return claim;
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
        Collections.sort(slugs); // slug order: "a-b.json" sorts before "a.json" as a file name
        return slugs;
    }

    @Override
    public void write(Claim claim) {
        store.writeBytes(file(claim.slug()), Json.toFileBytes(claim));
    }
}
