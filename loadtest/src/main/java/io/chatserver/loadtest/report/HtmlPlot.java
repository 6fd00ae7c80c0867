package io.chatserver.loadtest.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained HTML page (inline SVG, no scripts) with two charts over the seconds of a run:
 * events per second, and delivery latency p50 / p99 / max. The measured part has a grey band.
 */
final class HtmlPlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 260;
    private static final int PAD = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

    private HtmlPlot() {
    }

    static String render(RunResult result) {
        List<RunResult.TimelinePoint> points = result.timeline();
        Set<String> series = new LinkedHashSet<>();
        points.forEach(point -> series.addAll(point.perSecond().keySet()));
        List<Line> rates = new ArrayList<>();
        for (String name : series) {
            rates.add(new Line(name + "/s", point -> point.perSecond().getOrDefault(name, 0L)));
        }
        List<Line> latency = List.of(new Line("p50 ms", RunResult.TimelinePoint::p50),
                new Line("p99 ms", RunResult.TimelinePoint::p99), new Line("max ms", RunResult.TimelinePoint::max));
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(result.scenario())
                + "</title><style>body{font-family:sans-serif;margin:20px}pre{background:#f6f6f6;padding:8px}</style>"
                + "</head><body><h1>" + escape(result.scenario()) + " (" + escape(result.startedAt()) + ")</h1>"
                + "<pre>" + escape(Reports.text(result)) + "</pre>"
                + "<h2>Per second</h2>" + chart(points, rates)
                + "<h2>Delivery latency</h2>" + chart(points, latency)
                + "</body></html>\n";
    }

    private record Line(String name, ToDoubleFunction<RunResult.TimelinePoint> value) {
    }

    private static String chart(List<RunResult.TimelinePoint> points, List<Line> lines) {
        double top = 1;
        for (Line line : lines) {
            for (RunResult.TimelinePoint point : points) {
                top = Math.max(top, line.value().applyAsDouble(point));
            }
        }
        int n = Math.max(1, points.size() - 1);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">", WIDTH, HEIGHT + 40));
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).measured()) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eee\"/>",
                        x(i, n), PAD / 2, (WIDTH - 2.0 * PAD) / n, HEIGHT - PAD));
            }
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>",
                PAD, HEIGHT - PAD / 2, WIDTH - PAD, HEIGHT - PAD / 2));
        svg.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\" font-size=\"11\">%.0f</text>", PAD / 2 + 4, top));
        svg.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\" font-size=\"11\">0</text>", HEIGHT - PAD / 2));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d s</text>",
                WIDTH - PAD, HEIGHT - PAD / 2 + 15, points.size()));
        for (int l = 0; l < lines.size(); l++) {
            Line line = lines.get(l);
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                double y = HEIGHT - PAD / 2.0 - (HEIGHT - PAD) * line.value().applyAsDouble(points.get(i)) / top;
                path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, n), y));
            }
            String colour = COLOURS[l % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" points=\"").append(path).append("\"/>");
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>",
                    PAD + 140 * l, HEIGHT + 30, colour, escape(line.name())));
        }
        return svg.append("</svg>").toString();
    }

    private static double x(int i, int n) {
        return PAD + (WIDTH - 2.0 * PAD) * i / n;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
