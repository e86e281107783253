package dev.workbench.core.store;

import dev.workbench.core.WorkbenchException;
import dev.workbench.core.program.Claim;
import java.util.List;
import java.util.Optional;

/**
 * The claims of the program, one per slug: what the claims service keeps. Writes happen inside
 * {@link Transactions#transaction}; reads take no lock and see each record whole.
 */
public interface ClaimRecords {
    /**
     * The claim stored under {@code slug}, if any.
     *
     * @throws WorkbenchException {@code STORE_ERROR} when it is stored but cannot be read
     */
    Optional<Claim> find(String slug);

    /** The slugs of the stored claims, sorted, without reading them. */
    List<String> slugs();

    /** Stores {@code claim} under its slug, replacing what was there, as one step. */
    void write(Claim claim);
}
