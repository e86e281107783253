package dev.workbench.core.metrics;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The JDBC drivers, found when a query first needs one (never at start-up): on the class path, else in the jars of
 * {@code drivers/} beside the jar holding the workbench's classes and of the folders listed in {@code AW_DRIVERS}
 * (separated like the class path). Those jars share one class loader, made on first use; drivers are found through
 * {@link ServiceLoader} (JDBC 4 drivers list themselves in {@code META-INF/services/java.sql.Driver}), because
 * {@link java.sql.DriverManager} does not see drivers of a child class loader.
 */
final class Drivers {
    /** Folders of extra driver jars, separated by {@link File#pathSeparator}. */
    static final String ENV = "AW_DRIVERS";

    private static final Object LOCK = new Object();
    private static ClassLoader jars;

    private Drivers() {}

    /**
     * The driver for {@code url}: the class {@code className} when given, else the first driver accepting the URL.
     *
     * @throws WorkbenchException {@code SOURCE_UNAVAILABLE} saying where a driver jar goes
     */
    static Driver find(String source, String url, String className) {
        Driver d = find(ServiceLoader.load(Driver.class, Drivers.class.getClassLoader()), url, className);
        if (d == null) {
            d = find(ServiceLoader.load(Driver.class, jars()), url, className);
        }
        if (d == null) {
            String scheme = url.split(":").length > 1 ? "jdbc:" + url.split(":")[1] : url;
            throw new WorkbenchException(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "source \"" + source + "\": no JDBC driver "
                            + (className == null ? "for " + scheme + " URLs" : className)
                            + " is installed; put its jar in "
                            + String.join(
                                    " or ",
                                    folders().stream().map(Path::toString).toList())
                            + (folders().isEmpty() ? "" : ",") + " or in a folder named in " + ENV);
        }
        return d;
    }

    private static Driver find(ServiceLoader<Driver> loader, String url, String className) {
        for (ServiceLoader.Provider<Driver> p : loader.stream().toList()) {
            if (className != null && !p.type().getName().equals(className)) {
                continue;
            }
            Driver d;
            try {
                d = p.get();
            } catch (ServiceConfigurationError | LinkageError e) {
                continue;
            }
            try {
                if (className != null || d.acceptsURL(url)) {
                    return d;
                }
            } catch (SQLException e) {
                // a driver that cannot tell: not this one
            }
        }
        return null;
    }

    /** The class loader of the driver jars, made once. */
    private static ClassLoader jars() {
        synchronized (LOCK) {
            if (jars == null) {
                List<URL> urls = new ArrayList<>();
                for (Path dir : folders()) {
                    urls.addAll(jarsIn(dir));
                }
                jars = new URLClassLoader("aw-drivers", urls.toArray(URL[]::new), Drivers.class.getClassLoader());
            }
            return jars;
        }
    }

    /** {@code drivers/} beside the workbench's jar (when it runs from one), then the folders of {@code AW_DRIVERS}. */
    static List<Path> folders() {
        List<Path> dirs = new ArrayList<>();
        CodeSource cs = Drivers.class.getProtectionDomain().getCodeSource();
        if (cs != null && cs.getLocation() != null) {
            try {
                Path jar = Path.of(cs.getLocation().toURI());
                if (Files.isRegularFile(jar) && jar.getParent() != null) {
                    dirs.add(jar.getParent().resolve("drivers"));
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file location: no folder beside it
            }
        }
        String env = System.getenv(ENV);
        if (env != null) {
            for (String part : env.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part.trim()));
                }
            }
        }
        return dirs;
    }

    private static List<URL> jarsIn(Path dir) {
        List<URL> urls = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return urls;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : s) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            // an unreadable folder holds no driver we can use
        }
        urls.sort(java.util.Comparator.comparing(URL::toString));
        return urls;
    }
}
