package dev.workbench.server.http;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.page.Dashboard;
import dev.workbench.page.Html;
import dev.workbench.page.Links;
import dev.workbench.page.Page;
import dev.workbench.page.PageRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page for people, on every path the MCP transports do not take: {@code GET /login?code=} exchanges a login
 * code for a session cookie, {@code GET /events} streams changes, {@code POST /actions/<name>} does what a form
 * asks, and any other GET is a view of the {@link Dashboard}. The guard in front has already checked Host and
 * Origin; here a page needs the session cookie ({@code aw_session_<port>}: cookies are shared by every port of a
 * host), and an action also the session's CSRF token and, when the browser says where the form came from, this
 * very origin (a page on another port of the same host is the same site to the cookie, not to this check).
 */
final class PageServlet extends HttpServlet {
    static final String LOGIN = "/login";
    static final String EVENTS = "/events";
    static final String ACTIONS = "/actions/";
    /**
     * A form is a few fields: this is far beyond any. The session is checked before a form is read, so this bounds
     * what a logged-in browser (or a page posting through it) can make us read, not what a stranger can.
     */
    static final int MAX_FORM_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PageServlet.class);
    private static final Pattern ACTION_NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final transient Dashboard dashboard;
    private final transient PageSessions sessions;
    private final transient PageEvents events;
    private final String person;

    /** @param person who the page's actions are recorded as done by */
    PageServlet(Dashboard dashboard, PageSessions sessions, PageEvents events, String person) {
        this.dashboard = dashboard;
        this.sessions = sessions;
        this.events = events;
        this.person = person;
    }

    /** The session cookie's name: cookies do not tell ports apart, so two servers on one host need two names. */
    static String cookieName(int port) {
        return "aw_session_" + port;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PageResponses.secure(response);
        String method = request.getMethod();
        String path;
        try {
            path = FormData.decodePath(request.getRequestURI());
        } catch (IllegalArgumentException e) {
            PageResponses.plain(response, 400, "Bad address", e.getMessage());
            return;
        }
        boolean get = method.equals("GET") || method.equals("HEAD");
        if (path.equals(LOGIN) && method.equals("HEAD")) {
            // Link previewers and prefetchers send HEAD: it must not spend the one-time code nor open a session.
            response.setStatus(204);
            return;
        }
        if (path.equals(LOGIN) && get) {
            login(request, response);
            return;
        }
        Optional<PageSessions.Session> session = session(request);
        if (session.isEmpty()) {
            PageResponses.notLoggedIn(response);
            return;
        }
        if (path.startsWith(ACTIONS) && method.equals("POST")) {
            act(path.substring(ACTIONS.length()), request, response, session.get());
        } else if (path.equals(EVENTS) && method.equals("GET")) { // HEAD would open a stream with no reader
            PageSessions.Session s = session.get();
            events.open(request, response, () -> sessions.alive(s));
        } else if (get && !path.startsWith(ACTIONS)) {
            view(path, request, response, session.get());
        } else {
            response.setHeader("Allow", path.startsWith(ACTIONS) ? "POST" : "GET, HEAD");
            PageResponses.plain(response, 405, "Not allowed", method + " " + path + " is not something the page does.");
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String code;
        try {
            code = FormData.parse(request.getQueryString()).get("code");
        } catch (IllegalArgumentException e) {
            code = null;
        }
        PageSessions.Login login = sessions.login(code);
        if (!login.ok()) {
            PageResponses.plain(
                    response,
                    403,
                    "This link does not log you in",
                    login.refusal(),
                    "Each link printed by aw serve works once, for " + PageSessions.CODE_LIFETIME.toMinutes()
                            + " minutes; after every login aw serve prints a fresh one on its standard error"
                            + " (the terminal or log where it runs). Restarting aw serve prints one too.");
            return;
        }
        response.addHeader(
                "Set-Cookie",
                cookieName(request.getLocalPort()) + "=" + login.token() + "; Path=/; HttpOnly; SameSite=Strict");
        response.setStatus(303);
        response.setHeader("Location", Links.SERVED.overview());
    }

    private Optional<PageSessions.Session> session(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        String cookie = cookieName(request.getLocalPort());
        for (Cookie c : cookies) {
            if (c.getName().equals(cookie)) {
                Optional<PageSessions.Session> s = sessions.find(c.getValue());
                if (s.isPresent()) {
                    return s;
                }
            }
        }
        return Optional.empty();
    }

    private void view(String path, HttpServletRequest request, HttpServletResponse response, PageSessions.Session s)
            throws IOException {
        Map<String, String> query;
        try {
            query = FormData.parse(request.getQueryString());
        } catch (IllegalArgumentException e) {
            problem(response, s, 400, "Bad address", e.getMessage());
            return;
        }
        PageRequest pageRequest = new PageRequest(query, Links.SERVED, s.csrf());
        Optional<Page> page;
        try {
            page = dashboard.page(path, pageRequest);
        } catch (WorkbenchException e) {
            int status = e.code() == ErrorCode.NOT_FOUND ? 404 : e.code() == ErrorCode.INVALID_INPUT ? 400 : 500;
            problem(response, s, status, status == 404 ? "Not found" : "Cannot show this", e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("rendering {} failed", path, e);
            problem(
                    response,
                    s,
                    500,
                    "Cannot show this",
                    "The view failed (" + e.getClass().getSimpleName() + "); aw serve's log has the details.");
            return;
        }
        if (page.isEmpty()) {
            problem(response, s, 404, "Not found", "Nothing here has the address " + path + ".");
            return;
        }
        // The page's own refetch after a change is not a navigation: the notice waits for the next page opened.
        String mode = request.getHeader("Sec-Fetch-Mode");
        Dashboard.Outcome notice = mode == null || mode.equals("navigate") ? s.takeNotice() : null;
        PageResponses.html(response, 200, dashboard.document(page.get(), pageRequest, notice));
    }

    /** A problem shown inside the page's frame (navigation and all), for a logged-in person. */
    private void problem(HttpServletResponse response, PageSessions.Session s, int status, String title, String text)
            throws IOException {
        Html body = new Html().el("h1", title).el("p", text).open("p").link(Links.SERVED.overview(), "Overview");
        body.close("p");
        PageRequest request = new PageRequest(Map.of(), Links.SERVED, s.csrf());
        PageResponses.html(
                response, status, dashboard.document(new Page(title, "error", body.toString()), request, null));
    }

    private void act(String name, HttpServletRequest request, HttpServletResponse response, PageSessions.Session s)
            throws IOException {
        String refusal = foreign(request);
        if (refusal != null) {
            PageResponses.plain(response, 403, "Refused", refusal + " Nothing was changed.");
            return;
        }
        Map<String, String> form;
        try {
            form = FormData.readForm(request, MAX_FORM_BYTES);
        } catch (IllegalArgumentException e) {
            PageResponses.plain(response, 400, "Bad form", e.getMessage() + " Nothing was changed.");
            return;
        }
        String token = form.containsKey("csrf") ? form.get("csrf") : request.getHeader("X-CSRF-Token");
        if (!s.csrfMatches(token)) {
            PageResponses.plain(
                    response,
                    403,
                    "Refused",
                    "This form is missing this session's CSRF token (or carries another's). Nothing was changed;"
                            + " reload the page and try again.");
            return;
        }
        form.remove("csrf");
        if (!ACTION_NAME.matcher(name).matches()) {
            problem(response, s, 404, "No such action", "The page has no action named " + name + ".");
            return;
        }
        Dashboard.Outcome outcome;
        try {
            outcome = dashboard.act(name, form, person);
        } catch (WorkbenchException e) {
            int status = e.code() == ErrorCode.NOT_FOUND ? 404 : e.code() == ErrorCode.INVALID_INPUT ? 400 : 500;
            problem(response, s, status, status == 404 ? "No such action" : "Not done", e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("the page's action {} failed", name, e);
            problem(
                    response,
                    s,
                    500,
                    "Not done",
                    "The action failed (" + e.getClass().getSimpleName() + "); aw serve's log has the details.");
            return;
        }
        s.notice(outcome);
        response.setStatus(303);
        response.setHeader("Location", local(outcome.next()));
    }

    /**
     * Why a state-changing request is not from this page, or null. A browser names the page a request comes from
     * (Origin, Sec-Fetch-Site); when it does, that must be this server as the browser addressed it: the same
     * scheme, host and port as the Host header. The guard already refused a foreign host name; a page on another
     * port of this host is still the same site to the cookie, so the port is checked here.
     */
    static String foreign(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "The request came from another site (" + site + ").";
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return null;
        }
        String host = request.getHeader("Host");
        HttpGuard.Origin o = HttpGuard.origin(origin);
        if (o != null && host != null && o.host().equals(HttpGuard.hostName(host))) {
            // Behind a proxy the Host may carry no port: the browser then used its scheme's default.
            int selfPort = HttpGuard.hostPort(host);
            if ((selfPort < 0 ? o.defaultPort() : selfPort) == o.port()) {
                return null;
            }
        }
        return "The request came from " + origin + ", not from this page.";
    }

    /** Where an action sends the browser: one of the page's own addresses, never another site. */
    static String local(String next) {
        if (next == null
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.chars().anyMatch(c -> c == '\\' || c < 0x20 || c == 0x7f)) {
            return Links.SERVED.overview();
        }
        return next;
    }
}
