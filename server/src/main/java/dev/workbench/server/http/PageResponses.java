package dev.workbench.server.http;

import dev.workbench.page.Html;
import dev.workbench.page.Layout;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What every answer on a page path carries, and the pages for a browser that is not logged in. The headers keep
 * the page from being cached (it shows the project's state), framed, sniffed as another type, or named in a Referer
 * sent to another site, or loaded by another site's page; the content security policy allows only inline style,
 * the page's own script (by its hash), requests to itself and forms posting to itself.
 *
 * <p>The referrer policy is {@code same-origin}, not {@code no-referrer}: under {@code no-referrer} Chromium sends
 * {@code Origin: null} with the page's own form posts (the Fetch standard serialises a request's origin through
 * its referrer policy), so the origin check could no longer tell the page's forms from a sandboxed foreign frame.
 * With {@code same-origin} no address of the page, nor a login code, is ever sent to another site either.
 */
final class PageResponses {
    /**
     * The page's one script is a constant of {@link Layout}: allowed by its hash, so no injected script runs even if
     * markup ever slipped through. Views use style attributes, so inline style stays allowed.
     */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src " + Layout.scriptSource()
            + "; img-src data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    static final String NOT_LOGGED_IN = "Open the login link aw serve printed on stderr.";

    private static final String STYLE = ":root{color-scheme:light dark;font:16px/1.5 system-ui,sans-serif}"
            + "body{max-width:40rem;margin:3rem auto;padding:0 1rem}code{font-size:.9rem}";

    private PageResponses() {}

    static void secure(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    }

    /** Writes a document; the headers of {@link #secure} are set once, by whoever answers (servlet or guard). */
    static void html(HttpServletResponse response, int status, String document) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(document);
    }

    /**
     * A page of its own (no navigation, no script: nothing of the state), for a browser that is not logged in or a
     * request refused before anyone is known.
     */
    static void plain(HttpServletResponse response, int status, String title, String... paragraphs) throws IOException {
        Html h = new Html();
        h.raw("<!doctype html>");
        h.open("html", "lang", "en").open("head");
        h.open("meta", "charset", "utf-8");
        h.open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        h.el("title", title + " · Workbench");
        h.open("style").raw(STYLE).close("style");
        h.close("head").open("body", "data-status", Integer.toString(status));
        h.el("h1", title);
        for (String p : paragraphs) {
            h.el("p", p);
        }
        h.close("body").close("html");
        html(response, status, h.toString());
    }

    /** 401 for a page path without a live session. */
    static void notLoggedIn(HttpServletResponse response) throws IOException {
        plain(
                response,
                401,
                "Log in to see the Workbench",
                NOT_LOGGED_IN
                        + " aw serve prints it when started in a terminal, or with --login-link. It looks like http://127.0.0.1:<port>/login?code=…, works once, and a fresh one is"
                        + " printed after each login. Sessions end after "
                        + PageSessions.IDLE.toHours()
                        + " hours without a visit, or when aw serve restarts.");
    }
}
