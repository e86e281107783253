package dev.workbench.page;

import java.util.List;

/**
 * The document around the views: one stylesheet and one script, both inline (no request leaves the page, served or
 * saved), light and dark by the reader's setting, one column at phone width, every control reachable by keyboard
 * (a skip link, visible focus, sortable columns as buttons).
 */
public final class Layout {
    /** The report's sections: each view under the fragment its links use ({@link Links#REPORT}). */
    public record Section(String anchor, Page page) {}

    private static final String[][] NAV = {
        {"overview", "Overview"}, {"review", "Review"}, {"runs", "Runs"}, {"checkpoints", "Checkpoints"}
    };

    private Layout() {}

    /** A served view: navigation, the notice of the last action, the view, and the live-update script. */
    static String served(Page page, PageRequest request, Dashboard.Outcome notice) {
        Html h = new Html();
        head(h, page.title() + " · Workbench", request.csrf());
        h.open("body", "data-served", "");
        h.link("#main", "Skip to the content", "class", "skip");
        h.open("header");
        h.el("span", "Workbench", "class", "brand");
        h.open("nav", "aria-label", "Views").open("ul");
        Links links = request.links();
        for (String[] item : NAV) {
            String href = switch (item[0]) {
                case "review" -> links.review();
                case "runs" -> links.runs();
                case "checkpoints" -> links.checkpoints();
                default -> links.overview();
            };
            boolean current = item[0].equals(page.view())
                    || item[0].equals("runs") && page.view().equals("run");
            h.open("li")
                    .link(href, item[1], "aria-current", current ? "page" : null)
                    .close("li");
        }
        h.close("ul").close("nav");
        h.el("span", "", "id", "live", "role", "status", "aria-live", "polite");
        h.close("header");
        if (notice != null) {
            h.el("p", notice.message(), "class", notice.done() ? "notice ok" : "notice bad", "role", "alert");
        }
        h.open("main", "id", "main", "data-view", page.view(), "tabindex", "-1")
                .raw(page.body())
                .close("main");
        h.open("script").raw(SCRIPT).close("script");
        h.close("body").close("html");
        return h.toString();
    }

    /**
     * The content-security-policy source that allows the page's script and nothing else:
     * {@code 'sha256-<base64>'} of the exact text inside its {@code <script>} element.
     */
    public static String scriptSource() {
        return SCRIPT_SOURCE;
    }

    /** The report: every section in one file, with the sorting script but no forms and no live updates. */
    public static String report(String title, String generated, List<Section> sections) {
        Html h = new Html();
        head(h, title, null);
        h.open("body", "data-report", "");
        h.link("#main", "Skip to the content", "class", "skip");
        h.open("header");
        h.el("span", "Workbench report", "class", "brand");
        h.open("nav", "aria-label", "Views").open("ul");
        for (String[] item : NAV) {
            h.open("li").link("#" + item[0], item[1]).close("li");
        }
        h.close("ul").close("nav");
        h.el("span", generated, "class", "muted");
        h.close("header");
        h.open("main", "id", "main", "tabindex", "-1");
        for (Section s : sections) {
            h.open("section", "id", s.anchor(), "data-view", s.page().view(), "class", "view")
                    .raw(s.page().body())
                    .close("section");
        }
        h.close("main");
        h.open("script").raw(SCRIPT).close("script");
        h.close("body").close("html");
        return h.toString();
    }

    private static void head(Html h, String title, String csrf) {
        h.raw("<!doctype html>");
        h.open("html", "lang", "en").open("head");
        h.open("meta", "charset", "utf-8");
        h.open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        h.open("meta", "name", "color-scheme", "content", "light dark");
        if (csrf != null) {
            h.open("meta", "name", "csrf-token", "content", csrf);
        }
        h.el("title", title);
        h.open("style").raw(STYLE).close("style");
        h.close("head");
    }

    /**
     * The views' classes: {@code .cards/.card} (a scorecard), {@code .badge} with {@code ok warn bad muted},
     * {@code table.data} ({@code .num} cells right-aligned; a {@code th} holding {@code button[data-sort]} sorts),
     * {@code .scroll} (a wide table scrolls alone at phone width), {@code figure.plot} (an SVG plot; its series
     * {@code .s0}–{@code .s5}, {@code .ci}, {@code .band}, {@code .zero}, {@code .grid}, {@code .axis}),
     * {@code dl.kv}, {@code ol.timeline}, {@code form.decide}, {@code code.cmd}, {@code pre.doc} (a stored text shown whole, wrapped), {@code .muted}, {@code .notice}.
     */
    private static final String STYLE = """
            :root{--bg:#fff;--fg:#1b1f24;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--accent:#0550ae;\
            --ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--s0:#0969da;--s1:#bc4c00;--s2:#8250df;--s3:#1a7f37;\
            --s4:#bf3989;--s5:#57606a;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
            @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;\
            --card:#151b23;--accent:#4493f8;--ok:#3fb950;--warn:#d29922;--bad:#f85149;--s0:#4493f8;--s1:#f0883e;\
            --s2:#ab7df8;--s3:#3fb950;--s4:#db61a2;--s5:#9198a1}}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--fg)}
            a{color:var(--accent)}
            :focus-visible{outline:3px solid var(--accent);outline-offset:2px}
            .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px 8px;z-index:2}
            header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.6rem 1rem;\
            border-bottom:1px solid var(--line);background:var(--card)}
            .brand{font-weight:700}
            nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
            nav a[aria-current=page]{font-weight:700;text-decoration:none;border-bottom:2px solid var(--accent)}
            #live{margin-left:auto;font-size:.85rem;color:var(--muted)}
            main{padding:1rem;max-width:1200px;margin:0 auto}
            section.view{border-bottom:2px solid var(--line);padding-bottom:1.5rem;margin-bottom:1.5rem}
            h1{font-size:1.5rem;margin:.2rem 0 .8rem}h2{font-size:1.15rem;margin:1.4rem 0 .5rem}h3{font-size:1rem}
            .muted{color:var(--muted)}
            .notice{margin:.8rem 1rem;padding:.6rem .8rem;border-radius:6px;border:1px solid var(--line)}
            .notice.ok{border-color:var(--ok)}.notice.bad{border-color:var(--bad)}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.75rem}
            .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem}
            .card .value{font-size:1.3rem;font-weight:600}
            .badge{display:inline-block;padding:0 .45rem;border-radius:1rem;font-size:.8rem;border:1px solid currentColor}
            .ok{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}
            .scroll{overflow-x:auto;max-width:100%}
            table.data{border-collapse:collapse;width:100%;font-size:.9rem}
            table.data th,table.data td{padding:.3rem .5rem;border-bottom:1px solid var(--line);text-align:left;\
            vertical-align:top}
            table.data .num{text-align:right;font-variant-numeric:tabular-nums}
            table.data td.num{white-space:nowrap}
            th button{font:inherit;font-weight:600;background:none;border:0;color:inherit;cursor:pointer;padding:0}
            th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
            figure.plot{margin:.5rem 0}figure.plot svg{max-width:100%;height:auto;display:block}
            figure.plot figcaption{font-size:.85rem;color:var(--muted)}
            .plot text{fill:var(--fg);font-size:11px}.plot .axis{stroke:var(--muted)}.plot .grid{stroke:var(--line)}
            .plot .zero{stroke:var(--muted);stroke-dasharray:4 3}
            .plot .s0{stroke:var(--s0);fill:var(--s0)}.plot .s1{stroke:var(--s1);fill:var(--s1)}
            .plot .s2{stroke:var(--s2);fill:var(--s2)}.plot .s3{stroke:var(--s3);fill:var(--s3)}
            .plot .s4{stroke:var(--s4);fill:var(--s4)}.plot .s5{stroke:var(--s5);fill:var(--s5)}
            .plot .line{fill:none;stroke-width:2}.plot .ci{stroke-width:3}.plot .band{fill-opacity:.15;stroke:none}
            dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}
            dl.kv dt{color:var(--muted)}dl.kv dd{margin:0;overflow-wrap:anywhere}
            ol.timeline{list-style:none;padding-left:1rem;border-left:2px solid var(--line)}
            ol.timeline li{margin:0 0 .8rem;padding-left:.5rem}
            code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
            code.cmd{display:block;padding:.4rem .6rem;background:var(--card);border:1px solid var(--line);\
            border-radius:6px;overflow-x:auto;white-space:pre}
            pre.doc{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--card);padding:.6rem;border-radius:6px}
            form.decide{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
            button,input,textarea,select{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);\
            border-radius:6px;padding:.3rem .6rem}
            button{cursor:pointer}
            @media (max-width:640px){main{padding:.6rem}dl.kv{grid-template-columns:1fr}header{padding:.5rem}}
            """;

    /**
     * Sorting: a header's button sorts its table's body by that column (numbers as numbers), remembered per table id
     * so a live update keeps it. Live updates, when served: the server's event stream says something changed; the
     * view is fetched again and {@code <main>} replaced when it differs, unless the person is typing in it.
     * {@code body[data-updated]} counts the replacements (what the browser tests wait on).
     */
    private static final String SCRIPT = """
            (function(){
            var sorts={};
            function key(td){var v=td.getAttribute('data-value');if(v===null)v=td.textContent.trim();
            var n=parseFloat(v);return v!==''&&isFinite(v)?n:v.toLowerCase();}
            function sort(table,col,dir){var body=table.tBodies[0];if(!body)return;
            var rows=Array.prototype.slice.call(body.rows);
            rows.sort(function(a,b){var x=key(a.cells[col]||a),y=key(b.cells[col]||b);
            if(typeof x!==typeof y){x=String(x);y=String(y);}return (x<y?-1:x>y?1:0)*dir;});
            rows.forEach(function(r){body.appendChild(r);});
            Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
            if(th.querySelector('button[data-sort]'))th.setAttribute('aria-sort',i===col?(dir>0?'ascending':'descending'):'none');});}
            document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('th button[data-sort]');
            if(!b)return;var th=b.closest('th'),table=th.closest('table');var col=th.cellIndex;
            var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;sort(table,col,dir);
            if(table.id)sorts[table.id]=[col,dir];});
            if(!document.body.hasAttribute('data-served')||!window.EventSource)return;
            var live=document.getElementById('live'),timer=null,busy=false,again=false,count=0;
            function typing(){var a=document.activeElement;return a&&a.closest&&a.closest('main')&&
            /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName)&&a.value;}
            function refresh(){timer=null;if(busy){again=true;return;}if(typing()){timer=setTimeout(refresh,500);return;}
            busy=true;fetch(location.href,{credentials:'same-origin',headers:{'Accept':'text/html'}})
            .then(function(r){return r.ok?r.text():null;}).then(function(t){if(!t)return;
            var doc=new DOMParser().parseFromString(t,'text/html');var next=doc.getElementById('main'),cur=document.getElementById('main');
            if(next&&cur&&next.innerHTML!==cur.innerHTML){cur.innerHTML=next.innerHTML;cur.setAttribute('data-view',next.getAttribute('data-view'));
            Object.keys(sorts).forEach(function(id){var t=document.getElementById(id);if(t)sort(t,sorts[id][0],sorts[id][1]);});
            document.body.setAttribute('data-updated',String(++count));}})
            .catch(function(){}).then(function(){busy=false;if(again){again=false;refresh();}});}
            var es=new EventSource('/events');
            es.addEventListener('open',function(){live.textContent='Live';});
            es.addEventListener('change',function(){if(!timer)timer=setTimeout(refresh,100);});
            es.addEventListener('error',function(){live.textContent='Reconnecting…';});
            })();
            """;

    private static final String SCRIPT_SOURCE =
            "'sha256-" + java.util.Base64.getEncoder().encodeToString(sha256(SCRIPT)) + "'";

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
