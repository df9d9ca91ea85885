package dev.hixai2api.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.hixai2api.bench.Benchmark.PhaseResult;

/**
 * The numbers of a run that a later run is compared with: every run writes them to docs/benchmark-data.csv;
 * a copy of that file named by BENCH_BASELINE becomes the "before" of the next runs' comparison.
 */
record Baseline(String source, List<Row> rows, List<Layer> layers) {

    record Row(int level, String mode, double addedP50, double addedP99, double ratio, double cpuMillisPerRequest) {
    }

    record Layer(int level, String mode, String name, double millisPerRequest) {
    }

    Optional<Row> row(int level, String mode) {
        return rows.stream().filter(r -> r.level() == level && r.mode().equals(mode)).findFirst();
    }

    Map<String, Double> layerMillis(int level, String mode) {
        Map<String, Double> millis = new LinkedHashMap<>();
        layers.stream().filter(l -> l.level() == level && l.mode().equals(mode))
                .forEach(l -> millis.put(l.name(), l.millisPerRequest()));
        return millis;
    }

    static Optional<Baseline> read(Path file) throws IOException {
        if (file == null || !Files.exists(file)) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(",", -1);
            if (f[0].equals("result")) {
                rows.add(new Row(Integer.parseInt(f[1]), f[2], number(f[3]), number(f[4]), number(f[5]), number(f[6])));
            } else if (f[0].equals("layer")) {
                // a layer's name may hold commas: it is everything between the mode and the last field
                int last = line.lastIndexOf(',');
                String name = line.substring(f[0].length() + f[1].length() + f[2].length() + 3, last);
                layers.add(new Layer(Integer.parseInt(f[1]), f[2], name, number(line.substring(last + 1))));
            }
        }
        return Optional.of(new Baseline(file.getFileName().toString(), rows, layers));
    }

    /** This run's numbers in the file format {@link #read} reads. */
    static String csv(List<PhaseResult> results, Map<PhaseResult, JfrLayers.Profile> profiles) {
        StringBuilder csv = new StringBuilder("# kind,clients,mode,added TTFT p50 ms | layer,added TTFT p99 ms "
                + "| CPU ms/request,gateway/direct,CPU ms/request\n");
        PhaseResult[] direct = new PhaseResult[1];
        for (PhaseResult r : results) {
            if (r.mode().equals(Benchmark.DIRECT)) {
                direct[0] = r;
                continue;
            }
            boolean sameLevel = direct[0] != null && direct[0].level() == r.level();
            double ratio = sameLevel && direct[0].outcome().perSecond() > 0
                    ? r.outcome().perSecond() / direct[0].outcome().perSecond() : Double.NaN;
            boolean stream = !r.mode().equals(Benchmark.NON_STREAM);
            csv.append(String.format(Locale.ROOT, "result,%d,%s,%.2f,%.2f,%.4f,%.4f%n", r.level(), r.mode(),
                    stream && sameLevel ? r.ttftP50() - direct[0].ttftP50() : Double.NaN,
                    stream && sameLevel ? r.ttftP99() - direct[0].ttftP99() : Double.NaN, ratio,
                    r.cpuMillisPerRequest()));
        }
        profiles.forEach((phase, profile) -> profile.layers().forEach((name, count) ->
                csv.append(String.format(Locale.ROOT, "layer,%d,%s,%s,%.4f%n", phase.level(), phase.mode(), name,
                        profile.share(count) * phase.cpuMillisPerRequest()))));
        return csv.toString();
    }

    private static double number(String text) {
        return text.isEmpty() || text.equals("NaN") ? Double.NaN : Double.parseDouble(text);
    }
}
