package dev.hixai2api.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The gateway's CPU by layer, from the execution samples of its JFR recording (profile settings: a sample of
 * every thread running Java code every 10 ms) taken within one phase. Each sample counts for the nearest
 * library frame from the top of its stack: JDK frames are skipped (socket writes count for the library that
 * wrote), except the JDK parts the profile names on their own (regex, Formatter). "Inclusive" shares count a
 * sample when a frame of the named kind is anywhere on its stack.
 *
 * <p>{@code java -cp <test classes> dev.hixai2api.bench.JfrLayers gateway.jfr [fromEpochMs toEpochMs]} prints
 * the table of a recording.
 */
final class JfrLayers {

    /** Package prefixes → layer, the first match on a frame wins. */
    private static final List<Map.Entry<String, String>> LAYERS = List.of(
            Map.entry("dev.hixai2api.", "own code"),
            Map.entry("org.apache.camel.", "Camel"),
            Map.entry("org.springframework.", "Spring (MVC dispatch, filters)"),
            Map.entry("org.apache.catalina.", "Tomcat"),
            Map.entry("org.apache.coyote.", "Tomcat"),
            Map.entry("org.apache.tomcat.", "Tomcat"),
            Map.entry("org.apache.hc.", "HttpClient 5"),
            Map.entry("org.h2.", "H2"),
            Map.entry("com.zaxxer.hikari.", "HikariCP"),
            Map.entry("ch.qos.logback.", "logback"),
            Map.entry("org.slf4j.", "logback"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("io.micrometer.", "Micrometer"),
            Map.entry("com.knuddels.jtokkit.", "jtokkit"),
            // the floor relay's HTTP stack (FloorRelay)
            Map.entry("io.netty.", "Netty"),
            Map.entry("java.util.regex.", "JDK regex"),
            Map.entry("java.util.Formatter", "JDK Formatter"));
    private static final String JDK = "JDK only (no library frame)";

    /** Frames whose inclusive share the profile follows: a method name's prefix → label. */
    private static final Map<String, String> INCLUSIVE = new LinkedHashMap<>();

    static {
        INCLUSIVE.put("org.apache.camel.http.common.DefaultHttpBinding.copyStream", "DefaultHttpBinding.copyStream");
        INCLUSIVE.put("dev.hixai2api.monitoring.RequestIdFilter.", "RequestIdFilter (whole chain below it)");
        INCLUSIVE.put("dev.hixai2api.chat.ConversationRecorder.", "ConversationRecorder (conversation insert)");
        INCLUSIVE.put("org.apache.camel.support.ExchangeHelper.createCopy", "exchange copies");
        INCLUSIVE.put("org.apache.camel.support.AbstractExchange.copy", "exchange copies");
        INCLUSIVE.put("org.apache.camel.impl.engine.DefaultUnitOfWork.<init>", "unit of work creation");
        INCLUSIVE.put("org.apache.camel.component.micrometer.", "Micrometer route policy");
        INCLUSIVE.put("ch.qos.logback.", "logging (logback)");
        INCLUSIVE.put("org.apache.catalina.connector.OutputBuffer.flush", "response flushes");
    }

    /** Samples by layer (self, nearest library frame) and by inclusive frame, within a window. */
    record Profile(long samples, Map<String, Long> layers, Map<String, Long> inclusive) {

        double share(long count) {
            return samples == 0 ? 0 : (double) count / samples;
        }
    }

    private JfrLayers() {
    }

    static Profile read(Path recording, Instant from, Instant to) throws IOException {
        long samples = 0;
        Map<String, Long> layers = new TreeMap<>();
        Map<String, Long> inclusive = new TreeMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null) {
                    continue;
                }
                samples++;
                layers.merge(layer(stack.getFrames()), 1L, Long::sum);
                for (String label : inclusiveLabels(stack.getFrames())) {
                    inclusive.merge(label, 1L, Long::sum);
                }
            }
        }
        return new Profile(samples, layers, inclusive);
    }

    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> layer : LAYERS) {
                if (type.startsWith(layer.getKey())) {
                    return layer.getValue();
                }
            }
        }
        return JDK;
    }

    private static List<String> inclusiveLabels(List<RecordedFrame> frames) {
        Set<String> labels = new LinkedHashSet<>();
        for (RecordedFrame frame : frames) {
            String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
            INCLUSIVE.forEach((prefix, label) -> {
                if (method.startsWith(prefix)) {
                    labels.add(label);
                }
            });
        }
        return List.copyOf(labels);
    }

    /** The names of all profiles, the largest (summed over them) first. */
    static List<String> order(Collection<Profile> profiles, Function<Profile, Map<String, Long>> counts) {
        Map<String, Double> total = new TreeMap<>();
        for (Profile profile : profiles) {
            counts.apply(profile).forEach((name, count) -> total.merge(name, profile.share(count), Double::sum));
        }
        return total.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }

    public static void main(String[] args) throws IOException {
        Instant from = args.length > 2 ? Instant.ofEpochMilli(Long.parseLong(args[1])) : Instant.MIN;
        Instant to = args.length > 2 ? Instant.ofEpochMilli(Long.parseLong(args[2])) : Instant.MAX;
        Profile profile = read(Path.of(args[0]), from, to);
        System.out.println(profile.samples() + " samples");
        profile.layers().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("%-40s %5.1f %%%n", e.getKey(), 100 * profile.share(e.getValue())));
        System.out.println("inclusive:");
        profile.inclusive().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("%-40s %5.1f %%%n", e.getKey(), 100 * profile.share(e.getValue())));
    }
}
