package dev.workbench.page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where each view lives. Served ({@link #SERVED}), every view is its own address and the page can post forms and
 * follow live changes; in the report ({@link #REPORT}) the views are sections of one file and a link is a fragment.
 * Views never write an address themselves: the same view renders in both.
 */
public interface Links {
    String overview();

    String experiment(String slug);

    String runs();

    /** The runs view with the chart of {@code metric} against {@code param} (either may be null: the default). */
    String runs(String metric, String param);

    String run(String id);

    String checkpoints();

    String checkpoint(String name);

    String review();

    /** Served: forms post and the page updates itself; false in the report, which has neither. */
    boolean served();

    Links SERVED = new Links() {
        @Override
        public String overview() {
            return "/";
        }

        @Override
        public String experiment(String slug) {
            return "/experiments/" + encode(slug);
        }

        @Override
        public String runs() {
            return "/runs";
        }

        @Override
        public String runs(String metric, String param) {
            StringBuilder b = new StringBuilder("/runs");
            char sep = '?';
            if (metric != null) {
                b.append(sep).append("metric=").append(encode(metric));
                sep = '&';
            }
            if (param != null) {
                b.append(sep).append("param=").append(encode(param));
            }
            return b.toString();
        }

        @Override
        public String run(String id) {
            return "/runs/" + encode(id);
        }

        @Override
        public String checkpoints() {
            return "/checkpoints";
        }

        @Override
        public String checkpoint(String name) {
            return "/checkpoints#checkpoint-" + encode(name);
        }

        @Override
        public String review() {
            return "/review";
        }

        @Override
        public boolean served() {
            return true;
        }
    };

    Links REPORT = new Links() {
        @Override
        public String overview() {
            return "#overview";
        }

        @Override
        public String experiment(String slug) {
            return "#experiment-" + encode(slug);
        }

        @Override
        public String runs() {
            return "#runs";
        }

        @Override
        public String runs(String metric, String param) {
            return "#runs";
        }

        @Override
        public String run(String id) {
            return "#run-" + encode(id);
        }

        @Override
        public String checkpoints() {
            return "#checkpoints";
        }

        @Override
        public String checkpoint(String name) {
            return "#checkpoint-" + encode(name);
        }

        @Override
        public String review() {
            return "#review";
        }

        @Override
        public boolean served() {
            return false;
        }
    };

    /** A path segment or query value: slugs, run ids and names are plain words, but a value is never trusted. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
