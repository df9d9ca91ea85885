package dev.hixai2api.bench;

import dev.hixai2api.bench.Benchmark.PhaseResult;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Writes docs/benchmark.md (tables) and docs/benchmark.png (chart) from the measured phases. */
final class Report {

    private static final double TARGET_ADDED_P50 = 2;
    private static final double TARGET_ADDED_P99 = 10;
    private static final double TARGET_THROUGHPUT_RATIO = 0.90;
    private static final double TARGET_CPU_MILLIS_PER_STREAM = 1.0;
    /** Everything after this line of docs/benchmark.md is written by hand and kept by every run. */
    static final String HAND_WRITTEN = "<!-- Written by hand below this line: bench/run keeps it. -->";
    private static final long TARGET_RSS_BYTES = 512L << 20;
    private static final double TARGET_READY_MILLIS = 3_000;

    private final BenchConfig config;
    final List<PhaseResult> results = new ArrayList<>();
    String clientJava;
    String gatewayJava;
    String gatewayCommand;
    String codeVersion;
    String vmFlags;
    /** The start the load phases ran on (the last of {@link #starts}). */
    GatewayUnderTest.Readiness readiness;
    List<GatewayUnderTest.Readiness> starts = List.of();
    double busyBeforeStart;
    long idleRssBytes;
    long idleThreads;
    long finalRssBytes;
    String cookieStates;
    String loadBefore;
    String loadAfter;
    List<String> otherStartups = List.of();
    Path jfrFile;
    /** Why the recording could not be read (the gateway died before writing it), or null. */
    String jfrProblem;
    Path threadDumpFile;
    int threadDumpLevel;
    Map<String, Long> threadGroups;
    Map<String, Long> threadActivities;
    Path gatewayLog;
    Map<String, Long> logProblems = Map.of();
    /** The gateway's JFR profile of each gateway phase (BENCH_JFR=1). */
    final Map<PhaseResult, JfrLayers.Profile> profiles = new LinkedHashMap<>();

    Report(BenchConfig config) {
        this.config = config;
    }

    void write() throws IOException {
        Path file = config.docsDir().resolve("benchmark.md");
        String kept = "";
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int mark = old.indexOf(HAND_WRITTEN);
            kept = mark < 0 ? "" : "\n" + old.substring(mark);
        }
        Optional<Baseline> baseline = Baseline.read(config.baseline());
        StringBuilder md = new StringBuilder(markdown());
        baseline.ifPresent(before -> comparison(md, before));
        Files.writeString(file, md + kept, StandardCharsets.UTF_8);
        Files.writeString(config.docsDir().resolve("benchmark-data.csv"), Baseline.csv(results, profiles),
                StandardCharsets.UTF_8);
        chart(config.docsDir().resolve("benchmark.png"));
        if (baseline.isPresent()) {
            compareChart(config.docsDir().resolve("benchmark-compare.png"), baseline.get());
        }
    }

    // ---------------------------------------------------------------- lookups

    private Optional<PhaseResult> find(int level, String mode) {
        return results.stream().filter(r -> r.level() == level && r.mode().equals(mode)).findFirst();
    }

    private double ratio(int level, String mode) {
        Optional<PhaseResult> gateway = find(level, mode);
        Optional<PhaseResult> direct = find(level, Benchmark.DIRECT);
        if (gateway.isEmpty() || direct.isEmpty() || direct.get().outcome().perSecond() == 0) {
            return Double.NaN;
        }
        return gateway.get().outcome().perSecond() / direct.get().outcome().perSecond();
    }

    private double added(int level, String mode, boolean p99, boolean firstToken) {
        Optional<PhaseResult> gateway = find(level, mode);
        Optional<PhaseResult> direct = find(level, Benchmark.DIRECT);
        if (gateway.isEmpty() || direct.isEmpty()) {
            return Double.NaN;
        }
        if (firstToken) {
            return p99 ? gateway.get().ttftP99() - direct.get().ttftP99() : gateway.get().ttftP50() - direct.get().ttftP50();
        }
        return p99 ? gateway.get().latencyP99() - direct.get().latencyP99()
                : gateway.get().latencyP50() - direct.get().latencyP50();
    }

    // ---------------------------------------------------------------- markdown

    private String markdown() {
        StringBuilder md = new StringBuilder();
        String date = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT));
        int cores = Runtime.getRuntime().availableProcessors();
        md.append("# Benchmark\n\n");
        md.append("Generated by `bench/run` on ").append(date)
                .append(". This file and [benchmark.png](benchmark.png) are overwritten by every run; how to rerun is at the end.\n\n");
        md.append("![Added time to first token, throughput ratio and memory per concurrency](benchmark.png)\n\n");

        md.append("## Machine and set-up\n\n");
        md.append("- CPU: ").append(ProcStats.cpuModel()).append(", **").append(cores).append(" cores**; memory ")
                .append(ProcStats.memTotalBytes() >> 30).append(" GB. Gateway, simulator and load generator share these cores.\n");
        md.append("- Load average (1 / 5 / 15 min) before the run: ").append(loadBefore).append("; after: ")
                .append(loadAfter).append(" (it counts the benchmark's own runnable threads too). Other work on the "
                        + "machine shows as \"other processes\" CPU in the CPU table.\n");
        md.append("- Gateway: the packaged jar, extracted as the Dockerfile does, as its own process with the production JVM "
                + "options (`src/main/docker/jvm.options`), the AOT cache `bench/run` trains as the Dockerfile does (JDK 25+), "
                + "and `-XX:MaxRAM` for the heap a container's memory limit would give (it does not make the JVM pick a "
                + "small container's collector: `jvm.options` names it), on ").append(gatewayJava).append(": `")
                .append(gatewayCommand.replace(config.projectDir() + "/", "")).append("`\n");
        md.append("  - built from ").append(codeVersion).append("\n");
        md.append("  - JVM flags as resolved: `").append(vmFlags).append("`\n");
        md.append("  - settings: `HIX_BASE_URL`=simulator, `REQUEST_RATE_LIMIT=0`, `MAX_ATTEMPTS=1`, fresh `DATA_DIR` (embedded H2), "
                + "`SERVER_ADDRESS=127.0.0.1`"
                + (config.gatewayEnv().isEmpty() ? "" : ", `BENCH_GATEWAY_ENV`: `" + config.gatewayEnv() + "`")
                + ", everything else at the gateway's defaults; "
                + config.accounts() + " cookies added through `PUT /api/cookie`, no API key.\n");
        md.append("- Load generator and HixAI simulator: one JVM, ").append(clientJava)
                .append("; `java.net.http` HTTP/1.1 clients, asynchronous, a connection per client, ")
                .append(LoadGenerator.WORKERS_PER_CLIENT).append(" clients per `HttpClient`.\n");
        md.append("- The simulator is the JDK's HTTP server with `sun.net.httpserver.maxIdleConnections=")
                .append(System.getProperty("sun.net.httpserver.maxIdleConnections"))
                .append("` (`BENCH_SIM_MAX_IDLE`): with the JDK default of 200 it closes keep-alive connections that the "
                        + "gateway's pool still holds once more than 200 are idle, which fails requests at 1,000 clients "
                        + "(`NoHttpResponseException`, 502, then cookies cooling down and 503 `no_valid_cookies`).\n");
        md.append("- Simulated answer (model `").append(config.model()).append("`): ")
                .append(config.events()).append(" content events ").append(config.eventDelayMillis())
                .append(" ms apart below ").append(config.longLevel()).append(" clients; ")
                .append(config.longEvents()).append(" events ").append(config.longEventDelayMillis())
                .append(" ms apart from ").append(config.longLevel())
                .append(" clients on, so every stream stays open long enough for all of them to be open at once. "
                        + "The simulator also pauses that delay before its first (id) event, so its own first token "
                        + "comes about two delays after the chat call.\n");
        md.append("- Each level runs three closed-loop phases of ").append(seconds(config.phaseDuration().toMillis()))
                .append(" s (every client sends its next request when the previous one ended; clients start evenly over ")
                .append(config.ramp().toMillis()).append(" ms): **direct** (the gateway's upstream call sequence made "
                        + "by the benchmark itself against the simulator: `createChat`, then the chat's event stream read "
                        + "to `[DONE]`), **stream** and **non-stream** through the gateway. The direct phase is the "
                        + "baseline of both gateway modes (the upstream calls are the same). ")
                .append(seconds(config.warmup().toMillis())).append(" s of warm-up at 64 clients come first. "
                        + "The simulator is reset between phases (its chat list would otherwise grow).\n");
        if (results.stream().anyMatch(r -> r.mode().equals(Benchmark.RELAY))) {
            md.append("- A fourth phase per level, **relay**, sends the stream phase's requests to the floor relay "
                    + "(`dev.hixai2api.bench.FloorRelay`, `BENCH_RELAY`): the least an OpenAI-compatible relay of "
                    + "these answers does, on Netty, in its own process with the gateway's JVM options"
                    + (config.relayJvmOptions().equals(config.gatewayJvmOptions()) ? ""
                    : " and then `BENCH_RELAY_OPTS` (`" + String.join(" ", config.relayJvmOptions()
                    .subList(config.gatewayJvmOptions().size(), config.relayJvmOptions().size())) + "`)")
                    + ". It parses the "
                    + "request, calls `createChat`, reads the chat's events and writes each as a "
                    + "`chat.completion.chunk` as it arrives, on one event-loop thread per request with pooled "
                    + "upstream connections; no credentials, storage, failover, token count, metrics or routing. Its "
                    + "rows (RSS, CPU, threads) are the relay process's: what any gateway of this upstream needs on "
                    + "this machine, under everything the gateway adds. It warms up as long as each other phase.\n");
        }
        md.append("- Time to first token (TTFT): from sending the request to the first SSE line with non-empty "
                + "`content` (direct: from sending `createChat`). Added = gateway percentile minus direct percentile. "
                + "Completions/s counts answers that ended in the steady part of the phase (after the ramp); errors "
                + "are any non-200 status, a stream without `[DONE]` or with an error event, a timeout or an I/O error.\n");
        md.append("- Streams open at once: the most streams that had their response headers and not yet their end "
                + "at the same moment. A closed-loop client has no stream open between its requests, so even "
                + "without any limit in the gateway this stays a little under the number of clients.\n");
        md.append("- Gateway RSS: `VmRSS` of `/proc/<pid>/status` every 200 ms, the maximum of the phase; CPU: "
                + "utime+stime of `/proc/<pid>/stat` over the phase ÷ successful requests (at 1 client the "
                + "gateway's background work, JIT compilation included, dominates it).\n\n");

        md.append("## Start-up\n\n");
        md.append(String.format(Locale.ROOT, "%d starts, each the first on an empty `DATA_DIR` (database created), one after "
                + "the other once the machine was idle (%.0f %% busy over the second before the first start; "
                + "`BENCH_SETTLE_S`); median, and every start in order:%n%n", starts.size(), busyBeforeStart * 100));
        md.append("| from process start to | median ms | each start, ms |\n|---|---:|---|\n");
        md.append(String.format(Locale.ROOT, "| `/actuator/health/liveness` UP | %.0f | %s |%n",
                medianLivenessMillis(), eachStart(GatewayUnderTest.Readiness::livenessMillis)));
        md.append(String.format(Locale.ROOT, "| `GET /v1/models` answered (HTTP %d, no cookie yet) | %.0f | %s |%n",
                readiness.modelsStatus(), median(GatewayUnderTest.Readiness::modelsMillis),
                eachStart(GatewayUnderTest.Readiness::modelsMillis)));
        md.append("\nThe last start, which ran the load phases: ").append(readiness.springReport()).append(". ");
        md.append(String.format(Locale.ROOT, "Idle after start: RSS %d MB, %d threads. At the end of the run: RSS %d MB.%n",
                idleRssBytes >> 20, idleThreads, finalRssBytes >> 20));
        for (String other : otherStartups) {
            md.append("\nSame start on the machine's default java, for comparison: ").append(other).append(".\n");
        }
        md.append("\n");

        md.append("## Results\n\n");
        md.append("| clients | mode | requests | errors | completions/s gateway | direct | gateway ÷ direct "
                + "| TTFT p50 gateway | direct | added | TTFT p99 gateway | direct | added "
                + "| streams open at once | gateway RSS max MB | gateway CPU ms/request |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int level : config.levels()) {
            Optional<PhaseResult> direct = find(level, Benchmark.DIRECT);
            for (String mode : List.of(Benchmark.STREAM, Benchmark.NON_STREAM, Benchmark.RELAY)) {
                Optional<PhaseResult> found = find(level, mode);
                if (found.isEmpty()) {
                    continue;
                }
                PhaseResult r = found.get();
                boolean stream = !mode.equals(Benchmark.NON_STREAM);
                md.append("| ").append(level).append(" | ").append(mode).append(" | ")
                        .append(r.outcome().requests()).append(" | ").append(r.outcome().errors()).append(" | ")
                        .append(num(r.outcome().perSecond(), 1)).append(" | ")
                        .append(direct.map(d -> num(d.outcome().perSecond(), 1)).orElse("—")).append(" | ")
                        .append(percent(ratio(level, mode))).append(" | ");
                if (stream) {
                    md.append(num(r.ttftP50(), 1)).append(" | ").append(direct.map(d -> num(d.ttftP50(), 1)).orElse("—"))
                            .append(" | **").append(signed(added(level, mode, false, true))).append("** | ")
                            .append(num(r.ttftP99(), 1)).append(" | ").append(direct.map(d -> num(d.ttftP99(), 1)).orElse("—"))
                            .append(" | **").append(signed(added(level, mode, true, true))).append("** | ")
                            .append(r.outcome().maxOpen()).append(" | ");
                } else {
                    md.append("— | — | — | — | — | — | — | ");
                }
                md.append(r.maxRssBytes() >> 20).append(" | ").append(num(r.cpuMillisPerRequest(), 2)).append(" |\n");
            }
        }
        md.append("\nTimes in ms. Direct phase (baseline) per level: ");
        List<String> directs = new ArrayList<>();
        for (int level : config.levels()) {
            find(level, Benchmark.DIRECT).ifPresent(d -> directs.add(level + " clients: " + d.outcome().requests()
                    + " requests, " + d.outcome().errors() + " errors, " + d.outcome().maxOpen() + " streams open at once"));
        }
        md.append(String.join("; ", directs)).append(".\n\n");

        md.append("### Whole answer (request sent → last byte)\n\n");
        md.append("| clients | mode | latency p50 gateway | direct | added | latency p99 gateway | direct | added |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (int level : config.levels()) {
            Optional<PhaseResult> direct = find(level, Benchmark.DIRECT);
            for (String mode : List.of(Benchmark.STREAM, Benchmark.NON_STREAM, Benchmark.RELAY)) {
                find(level, mode).ifPresent(r -> md.append("| ").append(level).append(" | ").append(mode).append(" | ")
                        .append(num(r.latencyP50(), 1)).append(" | ").append(direct.map(d -> num(d.latencyP50(), 1)).orElse("—"))
                        .append(" | ").append(signed(added(level, mode, false, false))).append(" | ")
                        .append(num(r.latencyP99(), 1)).append(" | ").append(direct.map(d -> num(d.latencyP99(), 1)).orElse("—"))
                        .append(" | ").append(signed(added(level, mode, true, false))).append(" |\n"));
            }
        }

        md.append("\n### CPU, threads and upstream calls\n\n");
        md.append("CPU in % of one core over the phase (gateway, benchmark JVM = load generator + simulator, other "
                + "processes); machine busy in % of all cores: when it is near 100 %, every number above is CPU-bound. "
                + "In the kernel: the share of the gateway's CPU spent in system calls (socket reads and writes, thread "
                + "wake-ups), which JFR's samples do not see. Benchmark JVM ms/request: its CPU per answered request; "
                + "in the direct phase that is both ends of the upstream calls (the JDK's HTTP client and server, an SSE "
                + "parser, the simulator's timers), the same exchanges the gateway serves and makes. "
                + "Upstream calls are what the simulator received during the phase, per request sent.\n\n");
        md.append("| clients | mode | gateway CPU % | in the kernel % | benchmark JVM CPU % | benchmark JVM ms/request "
                + "| other processes CPU % | machine busy % | gateway threads max | upstream calls per request |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (int level : config.levels()) {
            for (String mode : List.of(Benchmark.DIRECT, Benchmark.STREAM, Benchmark.NON_STREAM, Benchmark.RELAY)) {
                find(level, mode).ifPresent(r -> md.append("| ").append(level).append(" | ").append(mode).append(" | ")
                        .append(num(r.gatewayCpuPercent(), 0)).append(" | ").append(num(r.gatewayKernelPercent(), 0))
                        .append(" | ").append(num(r.benchCpuPercent(), 0))
                        .append(" | ").append(num(r.benchCpuMillisPerRequest(), 2))
                        .append(" | ").append(num(otherCpuPercent(r), 0))
                        .append(" | ").append(num(r.machineBusyPercent(), 0)).append(" | ")
                        .append(r.maxThreads() < 0 ? "—" : String.valueOf(r.maxThreads())).append(" | ")
                        .append(upstream(r)).append(" |\n"));
            }
        }

        List<String> errorLines = new ArrayList<>();
        for (PhaseResult r : results) {
            if (r.outcome().errors() > 0) {
                errorLines.add("- " + r.level() + " clients, " + r.mode() + ": " + r.outcome().errorKinds());
            }
        }
        layers(md);
        md.append("\n### Errors\n\n");
        md.append(errorLines.isEmpty() ? "None in any phase.\n" : String.join("\n", errorLines) + "\n");
        md.append("\nCookie states at the end of the run: ").append(cookieStates).append(".\n");
        md.append("\nWarnings and errors in the gateway's log (`").append(config.projectDir().relativize(gatewayLog))
                .append("`, numbers replaced by N): ");
        if (logProblems.isEmpty()) {
            md.append("none.\n");
        } else {
            md.append("\n\n| count | line |\n|---:|---|\n");
            logProblems.forEach((line, count) -> md.append("| ").append(count).append(" | `")
                    .append(line.replace("|", "\\|").replace("`", "'")).append("` |\n"));
        }

        if (threadGroups != null) {
            md.append("\n### Gateway threads during the ").append(threadDumpLevel).append("-client stream phase\n\n");
            md.append("`jcmd <pid> Thread.print` half-way through the phase (saved as `")
                    .append(config.projectDir().relativize(threadDumpFile)).append("`; the dump pauses the gateway "
                            + "briefly, which that phase's p99 includes). Thread names with numbers replaced by N:\n\n");
            md.append("| threads | count |\n|---|---:|\n");
            threadGroups.entrySet().stream().limit(15).forEach(e ->
                    md.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" |\n"));
            long total = threadGroups.values().stream().mapToLong(Long::longValue).sum();
            md.append("| all | ").append(total).append(" |\n");
            md.append("\nWhat the request threads were doing (recognised by a frame of their stack):\n\n");
            md.append("| request threads | count |\n|---|---:|\n");
            threadActivities.forEach((activity, count) ->
                    md.append("| ").append(activity).append(" | ").append(count).append(" |\n"));
        }

        md.append("\n## Targets\n\n");
        if (jfrFile != null) {
            md.append("This run recorded a JFR profile, which cost the gateway about a third more CPU per request and its "
                    + "AOT cache when measured (docs/benchmark.md, third pass of issue 15): read the targets from a run "
                    + "without `BENCH_JFR`.\n\n");
        }
        md.append("| target | measured | |\n|---|---|---|\n");
        targets(md);
        floor(md);

        md.append("\n## Rerun\n\n");
        md.append("```sh\nbench/run\n```\n\n");
        md.append("It builds the jar (`./mvnw -Dbuild.dir=${BUILD_DIR:-target} -DskipTests package`), extracts it and "
                + "trains its AOT cache (JDK 25+), then runs "
                + "`dev.hixai2api.bench.Benchmark` from the test classes through the Maven profile `bench` "
                + "(`exec:exec@benchmark`). Logs, the gateway's log and thread dumps go to `${BUILD_DIR}/bench/`. "
                + "Settings (environment variables):\n\n");
        md.append("| variable | default | meaning |\n|---|---|---|\n");
        md.append("| `BENCH_LEVELS` | `1,64,256,1000` | concurrent clients per level |\n");
        md.append("| `BENCH_DURATION_S` | `12` | seconds per phase (three phases per level) |\n");
        md.append("| `BENCH_MAX_REQUESTS` | `0` (no cap) | requests per phase at most |\n");
        md.append("| `BENCH_WARMUP_S` | `10` | warm-up before measuring (direct, stream, non-stream at 64 clients) |\n");
        md.append("| `BENCH_RAMP_MS` | `1000` | clients start evenly over this time |\n");
        md.append("| `BENCH_REQUEST_TIMEOUT_S` | `60` | a request taking longer counts as an error |\n");
        md.append("| `BENCH_EVENTS`, `BENCH_EVENT_DELAY_MS` | `20`, `10` | simulated answer below `BENCH_LONG_LEVEL` |\n");
        md.append("| `BENCH_LONG_LEVEL`, `BENCH_LONG_EVENTS`, `BENCH_LONG_EVENT_DELAY_MS` | `1000`, `20`, `250` | long, slow answers from this level on (5 s streams: the level measures holding 1,000 streams open, not event throughput) |\n");
        md.append("| `BENCH_ACCOUNTS` | `20` | simulated accounts (cookies), 10⁹ credit each |\n");
        md.append("| `BENCH_SIM_MAX_IDLE` | `5000` | idle keep-alive connections the simulator keeps (JDK default 200) |\n");
        md.append("| `BENCH_JAVA` | Temurin 25 if installed, else `java` | JDK of the gateway process |\n");
        md.append("| `BENCH_CLIENT_JAVA` | `BENCH_JAVA` | JDK of the load generator and simulator |\n");
        md.append("| `BENCH_GATEWAY_OPTS` | empty | JVM options of the gateway after the production ones (`src/main/docker/jvm.options`), e.g. `-XX:-UseSerialGC -XX:+UseG1GC` |\n");
        md.append("| `BENCH_MAX_RAM` | `512m` | memory the gateway's JVM sizes itself for (`-XX:MaxRAM`), as in a container with that limit |\n");
        md.append("| `BENCH_AOT`, `BENCH_AOT_PORT` | `1`, `17011` | `0`: no AOT cache; the port of the cache's training run (JDK 25+, `src/main/docker/aot-training.sh`) |\n");
        md.append("| `BENCH_GATEWAY_ENV` | empty | extra settings of the gateway, e.g. `UPSTREAM_MAX_CONNECTIONS=1200` |\n");
        md.append("| `BENCH_JFR` | `0` | `1`: the gateway runs with `-XX:StartFlightRecording` (profile settings), written to `${BUILD_DIR}/bench/gateway.jfr` when the gateway stops; open it in JDK Mission Control or `jfr print`. The recording costs the gateway CPU and its AOT cache, so the layer shares are read from such a run and the targets from one without it |\n");
        md.append("| `BENCH_RELAY` | `1` | `0`: no relay phase (the floor relay, `dev.hixai2api.bench.FloorRelay`) |\n");
        md.append("| `BENCH_RELAY_OPTS` | empty | JVM options of the floor relay after the gateway's, e.g. "
                + "`-XX:TieredStopAtLevel=4` (C2), or `-Dbench.relay.work=before=300,event=40,end=400,background=450`: "
                + "CPU in µs the relay spends on purpose before its first upstream call, on each content event, before "
                + "`[DONE]` and on a background thread after each answer (`dev.hixai2api.bench.RelayWork`) |\n");
        md.append("| `BENCH_THREAD_DUMP` | `1` | `0`: no thread dump during the highest level |\n");
        md.append("| `BENCH_STARTS` | `3` | starts of the gateway whose median is the start-up time (the last one runs the load phases) |\n");
        md.append("| `BENCH_SETTLE_S` | `60` | before the first start, wait at most this long for the machine to be 80 % idle (the build and the AOT training run just before) |\n");
        md.append("| `BENCH_BASELINE` | empty | the `benchmark-data.csv` of an earlier run (every run writes `docs/benchmark-data.csv`), e.g. `docs/benchmark-baseline.csv`: adds a before-and-after section and `docs/benchmark-compare.png` |\n");
        md.append("| `BUILD_DIR` | `target` | Maven output folder (`-Dbuild.dir`) |\n");
        if (jfrFile != null && jfrProblem != null) {
            md.append("\nThis run's JFR profile could not be read (").append(jfrProblem)
                    .append("): the gateway ended before writing it, so there are no layer tables.\n");
        } else if (jfrFile != null) {
            md.append("\nThis run recorded a JFR profile: `").append(config.projectDir().relativize(jfrFile)).append("`.\n");
        }
        return md.toString();
    }

    private void targets(StringBuilder md) {
        Optional<PhaseResult> stream64 = find(64, Benchmark.STREAM);
        if (stream64.isPresent() && find(64, Benchmark.DIRECT).isPresent()) {
            double p50 = added(64, Benchmark.STREAM, false, true);
            double p99 = added(64, Benchmark.STREAM, true, true);
            target(md, "added TTFT p50 at 64 concurrent streams ≤ 2 ms", signed(p50) + " ms", p50 <= TARGET_ADDED_P50);
            target(md, "added TTFT p99 at 64 concurrent streams ≤ 10 ms", signed(p99) + " ms", p99 <= TARGET_ADDED_P99);
        } else {
            target(md, "added TTFT at 64 concurrent streams (p50 ≤ 2 ms, p99 ≤ 10 ms)", "level 64 not run", null);
        }
        if (stream64.isPresent()) {
            double cpu = stream64.get().cpuMillisPerRequest();
            target(md, "gateway CPU per streamed request at 64 concurrent streams ≤ 1.0 ms", num(cpu, 2) + " ms",
                    cpu <= TARGET_CPU_MILLIS_PER_STREAM);
        }
        throughputTarget(md, 64, Benchmark.NON_STREAM);
        throughputTarget(md, 256, Benchmark.STREAM);
        throughputTarget(md, 256, Benchmark.NON_STREAM);
        Optional<PhaseResult> stream1000 = find(1000, Benchmark.STREAM);
        if (stream1000.isPresent()) {
            PhaseResult r = stream1000.get();
            target(md, "1,000 concurrent open streams with zero errors", r.outcome().errors() + " errors in "
                            + r.outcome().requests() + " requests; at most " + r.outcome().maxOpen()
                            + " of the 1,000 clients' streams open at the same moment (met: ≥ 990 and no error)",
                    r.outcome().errors() == 0 && r.outcome().maxOpen() >= 990);
            target(md, "RSS ≤ 512 MB with 1,000 open streams", (r.maxRssBytes() >> 20) + " MB",
                    r.maxRssBytes() <= TARGET_RSS_BYTES);
        } else {
            target(md, "1,000 concurrent open streams: zero errors, RSS ≤ 512 MB", "level 1000 not run", null);
        }
        boolean jdk25 = gatewayJava.contains(" 25");
        target(md, "ready (health UP) ≤ 3 s after start on JDK 25", String.format(Locale.ROOT,
                "%.0f ms (liveness UP, median of %d starts) on %s", medianLivenessMillis(), starts.size(), gatewayJava),
                jdk25 ? medianLivenessMillis() <= TARGET_READY_MILLIS : null);
    }

    /** The floor relay's numbers under the gateway's stream targets, where the run has a relay phase. */
    private void floor(StringBuilder md) {
        List<String> lines = new ArrayList<>();
        for (int level : config.levels()) {
            find(level, Benchmark.RELAY).ifPresent(relay -> lines.add("- " + level + " clients: CPU "
                    + num(relay.cpuMillisPerRequest(), 2) + " ms per streamed request (gateway "
                    + find(level, Benchmark.STREAM).map(r -> num(r.cpuMillisPerRequest(), 2)).orElse("—")
                    + "), added TTFT p50 " + signed(added(level, Benchmark.RELAY, false, true)) + " ms and p99 "
                    + signed(added(level, Benchmark.RELAY, true, true)) + " ms (gateway "
                    + signed(added(level, Benchmark.STREAM, false, true)) + " and "
                    + signed(added(level, Benchmark.STREAM, true, true)) + "), "
                    + percent(ratio(level, Benchmark.RELAY)) + " of direct's throughput (gateway "
                    + percent(ratio(level, Benchmark.STREAM)) + "), " + relay.outcome().errors() + " errors"));
        }
        if (!lines.isEmpty()) {
            md.append("\nThe floor relay (phase **relay**) in the same run, measured as the gateway's stream phase is. "
                    + "The targets are the gateway's; these lines show what a relay of the same calls needs on this "
                    + "machine.\n\n")
                    .append(String.join("\n", lines)).append("\n");
        }
    }

    private void throughputTarget(StringBuilder md, int level, String mode) {
        String what = mode + " throughput at " + level + " concurrent ≥ 90 % of direct, 0 errors";
        Optional<PhaseResult> found = find(level, mode);
        if (found.isEmpty() || find(level, Benchmark.DIRECT).isEmpty()) {
            target(md, what, "level " + level + " not run", null);
            return;
        }
        double ratio = ratio(level, mode);
        PhaseResult r = found.get();
        target(md, what, percent(ratio) + " (" + num(r.outcome().perSecond(), 1) + "/s vs "
                + num(find(level, Benchmark.DIRECT).get().outcome().perSecond(), 1) + "/s), "
                + r.outcome().errors() + " errors", ratio >= TARGET_THROUGHPUT_RATIO && r.outcome().errors() == 0);
    }

    // ---------------------------------------------------------------- JFR profile by layer

    /** The gateway's CPU per request by layer: each phase's JFR share of samples × its CPU ms per request. */
    private void layers(StringBuilder md) {
        if (profiles.isEmpty()) {
            return;
        }
        md.append("\n### Gateway CPU by layer (JFR)\n\n");
        md.append("From the gateway's JFR recording (`BENCH_JFR=1`, profile settings), the execution samples taken "
                + "during each phase. A sample counts for the nearest library frame from the top of its stack (JDK "
                + "frames are skipped, so a socket write counts for the library that wrote; regex and Formatter "
                + "count on their own); ms/request is that share of the phase's gateway CPU per request: the samples "
                + "see Java code only, so the process's CPU in the kernel (socket I/O, thread wake-ups), GC and "
                + "JIT is spread over the layers in proportion (`dev.hixai2api.bench.JfrLayers`, which also "
                + "prints the table of any recording).\n\n");
        List<PhaseResult> phases = new ArrayList<>(profiles.keySet());
        md.append("| layer |");
        phases.forEach(p -> md.append(" ").append(p.level()).append(" ").append(p.mode()).append(" % | ms/request |"));
        md.append("\n|---|");
        phases.forEach(p -> md.append("---:|---:|"));
        md.append("\n");
        for (String layer : JfrLayers.order(profiles.values(), JfrLayers.Profile::layers)) {
            row(md, layer, phases, JfrLayers.Profile::layers);
        }
        md.append("| samples |");
        phases.forEach(p -> md.append(" ").append(profiles.get(p).samples()).append(" | ")
                .append(num(p.cpuMillisPerRequest(), 2)).append(" |"));
        md.append("\n\nInclusive (a frame of that kind anywhere on the stack):\n\n| frame |");
        phases.forEach(p -> md.append(" ").append(p.level()).append(" ").append(p.mode()).append(" % | ms/request |"));
        md.append("\n|---|");
        phases.forEach(p -> md.append("---:|---:|"));
        md.append("\n");
        for (String frame : JfrLayers.order(profiles.values(), JfrLayers.Profile::inclusive)) {
            row(md, frame, phases, JfrLayers.Profile::inclusive);
        }
    }

    private void row(StringBuilder md, String name, List<PhaseResult> phases,
                     java.util.function.Function<JfrLayers.Profile, Map<String, Long>> counts) {
        md.append("| ").append(name).append(" |");
        for (PhaseResult phase : phases) {
            JfrLayers.Profile profile = profiles.get(phase);
            double share = profile.share(counts.apply(profile).getOrDefault(name, 0L));
            md.append(" ").append(num(100 * share, 1)).append(" | ").append(num(share * phase.cpuMillisPerRequest(), 3))
                    .append(" |");
        }
        md.append("\n");
    }

    // ---------------------------------------------------------------- before and after

    /** The results and layers of this run next to those of an earlier run (BENCH_BASELINE, its benchmark-data.csv). */
    private void comparison(StringBuilder md, Baseline before) {
        md.append("\n## Before and after\n\n");
        md.append("This run against `").append(before.source()).append("` (`BENCH_BASELINE`), chart in "
                + "[benchmark-compare.png](benchmark-compare.png).\n\n");
        md.append("| clients | mode | added TTFT p50 before | after | added TTFT p99 before | after "
                + "| gateway ÷ direct before | after | CPU ms/request before | after |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PhaseResult r : results) {
            if (r.mode().equals(Benchmark.DIRECT)) {
                continue;
            }
            Optional<Baseline.Row> old = before.row(r.level(), r.mode());
            boolean stream = !r.mode().equals(Benchmark.NON_STREAM);
            md.append("| ").append(r.level()).append(" | ").append(r.mode()).append(" | ")
                    .append(stream ? old.map(o -> signed(o.addedP50())).orElse("—") : "—").append(" | ")
                    .append(stream ? signed(added(r.level(), r.mode(), false, true)) : "—").append(" | ")
                    .append(stream ? old.map(o -> signed(o.addedP99())).orElse("—") : "—").append(" | ")
                    .append(stream ? signed(added(r.level(), r.mode(), true, true)) : "—").append(" | ")
                    .append(old.map(o -> percent(o.ratio())).orElse("—")).append(" | ")
                    .append(percent(ratio(r.level(), r.mode()))).append(" | ")
                    .append(old.map(o -> num(o.cpuMillisPerRequest(), 2)).orElse("—")).append(" | ")
                    .append(num(r.cpuMillisPerRequest(), 2)).append(" |\n");
        }
        for (PhaseResult phase : profiles.keySet()) {
            Map<String, Double> old = before.layerMillis(phase.level(), phase.mode());
            if (old.isEmpty()) {
                continue;
            }
            JfrLayers.Profile profile = profiles.get(phase);
            md.append("\nGateway CPU by layer, ").append(phase.level()).append(" ").append(phase.mode())
                    .append(", ms per request:\n\n| layer | before | after |\n|---|---:|---:|\n");
            java.util.Set<String> names = new java.util.LinkedHashSet<>(old.keySet());
            names.addAll(profile.layers().keySet());
            names.stream().sorted(java.util.Comparator.comparingDouble((String n) -> -old.getOrDefault(n, 0.0)))
                    .forEach(name -> md.append("| ").append(name).append(" | ")
                            .append(num(old.getOrDefault(name, 0.0), 3)).append(" | ")
                            .append(num(profile.share(profile.layers().getOrDefault(name, 0L))
                                    * phase.cpuMillisPerRequest(), 3)).append(" |\n"));
        }
    }

    private void compareChart(Path png, Baseline before) throws IOException {
        DefaultCategoryDataset p50 = new DefaultCategoryDataset();
        DefaultCategoryDataset p99 = new DefaultCategoryDataset();
        DefaultCategoryDataset cpu = new DefaultCategoryDataset();
        for (int level : config.levels()) {
            String category = String.valueOf(level);
            before.row(level, Benchmark.STREAM).ifPresent(o -> {
                putIfNumber(p50, o.addedP50(), "before", category);
                putIfNumber(p99, o.addedP99(), "before", category);
                putIfNumber(cpu, o.cpuMillisPerRequest(), "before", category);
            });
            putIfNumber(p50, added(level, Benchmark.STREAM, false, true), "after", category);
            putIfNumber(p99, added(level, Benchmark.STREAM, true, true), "after", category);
            find(level, Benchmark.STREAM).ifPresent(r -> putIfNumber(cpu, r.cpuMillisPerRequest(), "after", category));
        }
        draw(png, "hixai2api before and after (" + before.source() + " → this run), streams by concurrent clients",
                List.of(bars("Added time to first token p50, ms", "ms", p50, "0.0",
                                new double[] {TARGET_ADDED_P50}, new String[] {"≤ 2 ms at 64 clients"}),
                        bars("Added time to first token p99, ms", "ms", p99, "0.0",
                                new double[] {TARGET_ADDED_P99}, new String[] {"≤ 10 ms at 64 clients"}),
                        bars("Gateway CPU per streamed request, ms", "ms", cpu, "0.00",
                                new double[] {TARGET_CPU_MILLIS_PER_STREAM}, new String[] {"≤ 1.0 ms at 64 clients"})));
    }

    private double medianLivenessMillis() {
        return median(GatewayUnderTest.Readiness::livenessMillis);
    }

    private double median(ToDoubleFunction<GatewayUnderTest.Readiness> time) {
        double[] sorted = starts.stream().mapToDouble(time).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private String eachStart(ToDoubleFunction<GatewayUnderTest.Readiness> time) {
        return String.join(", ", starts.stream().map(start -> String.format(Locale.ROOT, "%.0f", time.applyAsDouble(start))).toList());
    }

    private static void target(StringBuilder md, String what, String measured, Boolean met) {
        md.append("| ").append(what).append(" | ").append(measured).append(" | ")
                .append(met == null ? "not measured" : met ? "**met**" : "**not met**").append(" |\n");
    }

    /** CPU of everything but the gateway and the benchmark JVM, in % of one core. */
    private static double otherCpuPercent(PhaseResult r) {
        double cores = Runtime.getRuntime().availableProcessors();
        double gateway = Double.isNaN(r.gatewayCpuPercent()) ? 0 : r.gatewayCpuPercent();
        return Math.max(0, r.machineBusyPercent() * cores - gateway - r.benchCpuPercent());
    }

    private static String upstream(PhaseResult r) {
        long requests = Math.max(1, r.outcome().requests());
        List<String> parts = new ArrayList<>();
        r.upstreamCalls().forEach((name, count) -> parts.add(name + " " + num((double) count / requests, 2)));
        return String.join(", ", parts);
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : num(millis / 1000.0, 1);
    }

    private static String num(double value, int decimals) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String signed(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%+.1f", value);
    }

    private static String percent(double ratio) {
        return Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    // ---------------------------------------------------------------- chart

    private void chart(Path png) throws IOException {
        DefaultCategoryDataset addedTtft = new DefaultCategoryDataset();
        DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        DefaultCategoryDataset memory = new DefaultCategoryDataset();
        for (int level : config.levels()) {
            String category = String.valueOf(level);
            putIfNumber(addedTtft, added(level, Benchmark.STREAM, false, true), "added p50", category);
            putIfNumber(addedTtft, added(level, Benchmark.STREAM, true, true), "added p99", category);
            putIfNumber(throughput, 100 * ratio(level, Benchmark.STREAM), "stream", category);
            putIfNumber(throughput, 100 * ratio(level, Benchmark.NON_STREAM), "non-stream", category);
            find(level, Benchmark.STREAM).ifPresent(r -> memory.addValue(r.maxRssBytes() / 1048576.0, "stream", category));
            find(level, Benchmark.NON_STREAM).ifPresent(r -> memory.addValue(r.maxRssBytes() / 1048576.0, "non-stream", category));
        }
        List<JFreeChart> charts = List.of(
                bars("Added time to first token (stream), ms", "gateway − direct, ms", addedTtft, "0.0",
                        new double[] {TARGET_ADDED_P50, TARGET_ADDED_P99}, new String[] {"p50 ≤ 2 ms", "p99 ≤ 10 ms (at 64 clients)"}),
                bars("Completions/s, gateway ÷ direct, %", "%", throughput, "0",
                        new double[] {100 * TARGET_THROUGHPUT_RATIO}, new String[] {"≥ 90 % at 64 and 256 clients"}),
                bars("Gateway RSS, max MB", "MB", memory, "0",
                        new double[] {TARGET_RSS_BYTES / 1048576.0}, new String[] {"≤ 512 MB with 1,000 streams"}));
        int cores = Runtime.getRuntime().availableProcessors();
        draw(png, "hixai2api benchmark by concurrent clients — " + cores + " cores, gateway on " + gatewayJava
                + ", " + ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE), charts);
    }

    private static void draw(Path png, String title, List<JFreeChart> charts) throws IOException {
        int width = 560;
        int height = 460;
        int titleHeight = 36;
        BufferedImage image = new BufferedImage(width * charts.size(), height + titleHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 12, 24);
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(g, new Rectangle2D.Double(i * width, titleHeight, width, height));
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void putIfNumber(DefaultCategoryDataset data, double value, String series, String category) {
        if (!Double.isNaN(value)) {
            data.addValue(value, series, category);
        }
    }

    private static JFreeChart bars(String title, String axis, DefaultCategoryDataset data, String format,
                                   double[] markers, String[] markerLabels) {
        JFreeChart chart = ChartFactory.createBarChart(null, "concurrent clients", axis, data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(new Color(0xF7F7F7));
        plot.setRangeGridlinePaint(new Color(0xBBBBBB));
        CategoryAxis categories = plot.getDomainAxis();
        categories.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setSeriesPaint(0, new Color(0x4C72B0));
        renderer.setSeriesPaint(1, new Color(0xDD8452));
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat(format)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        Color[] markerColors = {new Color(0x2E7D32), new Color(0xC62828)};
        double maxMarker = 0;
        List<String> legend = new ArrayList<>();
        for (int i = 0; i < markers.length; i++) {
            Color color = markerColors[i % markerColors.length];
            plot.addRangeMarker(new ValueMarker(markers[i], color,
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0)));
            legend.add((i == 0 ? "green" : "red") + " = " + markerLabels[i]);
            maxMarker = Math.max(maxMarker, markers[i]);
        }
        // the target lines are explained under the title, not on the plot where they would hide bar labels
        TextTitle subtitle = new TextTitle("target lines: " + String.join("; ", legend), new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        subtitle.setPaint(Color.DARK_GRAY);
        chart.addSubtitle(0, subtitle);
        // keep the target lines in view, and room above the bars for their labels
        double maxValue = maxMarker;
        double minValue = 0;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Number value = data.getValue(r, c);
                if (value != null) {
                    maxValue = Math.max(maxValue, value.doubleValue());
                    minValue = Math.min(minValue, value.doubleValue());
                }
            }
        }
        plot.getRangeAxis().setRange(minValue < 0 ? minValue * 1.15 : 0, Math.max(1, maxValue) * 1.15);
        return chart;
    }
}
