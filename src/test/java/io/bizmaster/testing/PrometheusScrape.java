package io.bizmaster.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One scrape of {@code /actuator/prometheus}, parsed from the text exposition format as Prometheus reads it: each
 * sample a name, its labels and a value. Comments ({@code # HELP}, {@code # TYPE}, {@code # EOF}) are kept aside.
 */
public final class PrometheusScrape {

    /** One line of the exposition. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final List<Sample> samples;
    private final List<String> comments;
    private final String text;

    private PrometheusScrape(List<Sample> samples, List<String> comments, String text) {
        this.samples = samples;
        this.comments = comments;
        this.text = text;
    }

    public static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line);
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new AssertionError("not a line of the Prometheus text format: " + line);
            }
            samples.add(new Sample(m.group(1), labels(m.group(2), line), value(m.group(3))));
        }
        return new PrometheusScrape(List.copyOf(samples), List.copyOf(comments), text);
    }

    private static Map<String, String> labels(String text, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher m = LABEL.matcher(text);
        int end = 0;
        while (m.find() && m.start() == end) {
            labels.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
            end = m.end();
        }
        if (end != text.length()) {
            throw new AssertionError("labels not in the Prometheus text format: " + line);
        }
        return labels;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** Every sample of that name whose labels include {@code labels} (name=value pairs). */
    public List<Sample> samples(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> wanted.entrySet().stream().allMatch(w -> w.getValue().equals(s.labels().get(w.getKey()))))
                .toList();
    }

    /** The one sample of that name and labels; fails naming what the scrape has of that name. */
    public double value(String name, String... labels) {
        List<Sample> found = samples(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labels) + "; the scrape has: "
                    + samples.stream().filter(s -> s.name().equals(name)).map(Sample::toString).collect(Collectors.joining("\n  ")));
        }
        return found.get(0).value();
    }

    /** The sum of every sample of that name whose labels include {@code labels}; 0 when there is none. */
    public double sum(String name, String... labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** The {@code # HELP} line of a metric family, or null. */
    public String help(String family) {
        return comments.stream().filter(c -> c.startsWith("# HELP " + family + " ")).findFirst().orElse(null);
    }

    public String text() {
        return text;
    }
}
