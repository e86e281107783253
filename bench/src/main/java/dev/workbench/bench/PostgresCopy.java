package dev.workbench.bench;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.postgresql.PGConnection;

/** Loads a CSV file into a PostgreSQL table through {@code COPY … FROM STDIN}, the fastest way in over JDBC. */
final class PostgresCopy {
    private PostgresCopy() {}

    static long load(String url, String table, Path csv) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Reader in = Files.newBufferedReader(csv)) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", in);
        }
    }
}
