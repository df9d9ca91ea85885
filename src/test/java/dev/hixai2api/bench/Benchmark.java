package dev.hixai2api.bench;

import dev.hixai2api.bench.LoadGenerator.Call;
import dev.hixai2api.bench.LoadGenerator.Outcome;
import dev.hixai2api.simulator.HixSimulator;
import dev.hixai2api.simulator.RecordedRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's benchmark: starts the HixAI simulator in this JVM and the packaged gateway as its own process,
 * then at each concurrency level measures the same upstream call sequence made directly against the simulator
 * (the baseline), and streaming and non-streaming completions through the gateway. Writes docs/benchmark.md
 * and docs/benchmark.png. Run it with {@code bench/run}; parameters in {@link BenchConfig}.
 */
public final class Benchmark {

    static final String DIRECT = "direct";
    static final String STREAM = "stream";
    static final String NON_STREAM = "non-stream";
    /** Streamed requests through {@link FloorRelay}: the floor under the gateway's CPU and added time. */
    static final String RELAY = "relay";

    private static final String ANSWER = "Sure! A good name for a cat could be Miso, Pepper, Luna or Biscuit, "
            + "depending on its colour and character; short names with two syllables are the easiest for a "
            + "cat to recognise, and many owners pick one after watching the cat for a few days before deciding "
            + "for good, which also helps the whole family agree on it.";

    private final BenchConfig config;
    private final HixSimulator simulator;
    private final List<String> tokens = new ArrayList<>();
    private final LoadGenerator load = new LoadGenerator();
    private GatewayUnderTest gateway;
    private FloorRelayProcess relay;

    private Benchmark(BenchConfig config, HixSimulator simulator) {
        this.config = config;
        this.simulator = simulator;
        for (int i = 1; i <= config.accounts(); i++) {
            tokens.add(String.format("bench-session-token-%02d-%s", i, Long.toHexString(Double.doubleToLongBits(Math.random()))));
        }
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.fromEnvironment();
        Files.createDirectories(config.outDir());
        Files.createDirectories(config.docsDir());
        log("levels " + config.levels() + ", " + config.phaseDuration().toMillis() / 1000.0 + " s per phase, warm-up "
                + config.warmup().toMillis() / 1000.0 + " s, gateway on " + config.gatewayJava()
                + (config.gatewayJvmOptions().isEmpty() ? "" : " " + config.gatewayJvmOptions())
                + (config.jfr() ? " with JFR" : ""));
        // the JDK's HTTP server (the simulator) closes keep-alive connections beyond 200 idle ones, connections the
        // gateway's pool still holds; BENCH_SIM_MAX_IDLE=200 restores that default
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", String.valueOf(config.simulatorMaxIdle()));
        }
        int status = 0;
        try (HixSimulator simulator = HixSimulator.start()) {
            Benchmark benchmark = new Benchmark(config, simulator);
            try {
                benchmark.run();
            } finally {
                benchmark.load.close();
                if (benchmark.gateway != null) {
                    benchmark.gateway.close();
                }
                if (benchmark.relay != null) {
                    benchmark.relay.close();
                }
            }
        } catch (Exception | Error e) {
            log("benchmark failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        // the simulator's and HTTP clients' threads must not keep the JVM up
        System.exit(status);
    }

    private void run() throws Exception {
        Report report = new Report(config);
        report.loadBefore = ProcStats.loadAverage();
        log("load average before the run: " + report.loadBefore + " (" + Runtime.getRuntime().availableProcessors()
                + " cores): other work on the machine skews every number");
        report.clientJava = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.home") + ")";
        configureSimulator(config.levels().get(0));

        Path runDir = config.outDir().resolve("gateway");
        deleteRecursively(runDir);
        List<String> jvmOptions = new ArrayList<>(config.gatewayJvmOptions());
        if (!config.aotCache().isEmpty()) {
            jvmOptions.add("-XX:AOTCache=" + config.aotCache());
        }
        if (config.jfr()) {
            Path jfr = config.outDir().resolve("gateway.jfr");
            jvmOptions.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
            report.jfrFile = jfr;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (gateway != null && gateway.alive()) {
                    gateway.close();
                }
                if (relay != null) {
                    relay.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        report.busyBeforeStart = settle();
        // the start-up time is the median of several starts (each on an empty DATA_DIR); the last one stays up
        List<GatewayUnderTest.Readiness> starts = new ArrayList<>();
        for (int i = 1; i < config.starts(); i++) {
            Path startDir = config.outDir().resolve("gateway-start-" + i);
            deleteRecursively(startDir);
            try (GatewayUnderTest start = GatewayUnderTest.start(config.gatewayJava(), jvmOptions, config.jar(),
                    config.projectDir(), startDir, gatewayEnvironment())) {
                starts.add(logReady(start, start.awaitReady(Duration.ofSeconds(120))));
            }
        }
        gateway = GatewayUnderTest.start(config.gatewayJava(), jvmOptions, config.jar(), config.projectDir(), runDir,
                gatewayEnvironment());
        report.gatewayCommand = String.join(" ", gateway.command());
        report.codeVersion = codeVersion(config.projectDir());
        report.readiness = logReady(gateway, gateway.awaitReady(Duration.ofSeconds(120)));
        starts.add(report.readiness);
        report.starts = starts;
        report.gatewayJava = javaVersion(config.gatewayJava());
        report.vmFlags = gateway.jcmd("VM.flags").lines().filter(line -> line.startsWith("-")).findFirst().orElse("");
        report.idleRssBytes = ProcStats.rssBytes(gateway.pid());
        report.idleThreads = ProcStats.threads(gateway.pid());
        for (String token : tokens) {
            gateway.addCookie(token);
        }
        log(tokens.size() + " cookies added through the admin API");
        if (config.relay()) {
            relay = FloorRelayProcess.start(config.gatewayJava(), config.relayJvmOptions(), simulator.baseUrl(),
                    config.botId(), tokens, config.outDir().resolve("relay.log"));
            log("floor relay pid " + relay.pid() + " on " + relay.url());
        }

        warmUp();

        for (int level : config.levels()) {
            for (String mode : modes()) {
                report.results.add(measure(level, mode, report));
            }
        }
        report.finalRssBytes = ProcStats.rssBytes(gateway.pid());
        report.cookieStates = cookieStates();
        report.loadAfter = ProcStats.loadAverage();

        Path gatewayLog = gateway.log();
        gateway.close();
        gateway = null;
        report.gatewayLog = gatewayLog;
        if (report.jfrFile != null && Files.exists(report.jfrFile)) {
            try {
                for (PhaseResult result : report.results) {
                    if (result.mode().equals(STREAM) || result.mode().equals(NON_STREAM)) {
                        report.profiles.put(result, JfrLayers.read(report.jfrFile, result.started(), result.ended()));
                    }
                }
            } catch (IOException e) {
                // a gateway that died (an OutOfMemoryError ends it) leaves no recording: the run is still reported
                report.profiles.clear();
                report.jfrProblem = e.getMessage();
                log("no layer tables: " + e.getMessage());
            }
        }
        report.logProblems = logProblems(gatewayLog);
        report.otherStartups = otherStartups();
        report.write();
        log("wrote " + config.docsDir().resolve("benchmark.md") + " and " + config.docsDir().resolve("benchmark.png"));
    }

    private static GatewayUnderTest.Readiness logReady(GatewayUnderTest gateway, GatewayUnderTest.Readiness readiness) {
        log(String.format("gateway pid %d: liveness UP after %.0f ms, /v1/models answered %d after %.0f ms; %s",
                gateway.pid(), readiness.livenessMillis(), readiness.modelsStatus(), readiness.modelsMillis(),
                readiness.springReport()));
        return readiness;
    }

    /**
     * Waits (at most BENCH_SETTLE_S) until the machine is at least 80 % idle over a second, so that the start-up
     * times measure the gateway rather than the build that just ran; answers the busy share it started at.
     */
    private double settle() throws InterruptedException {
        long deadline = System.nanoTime() + config.settleTimeout().toNanos();
        double busy = ProcStats.machineBusy(Duration.ofSeconds(1));
        while (busy > 0.2 && System.nanoTime() < deadline) {
            busy = ProcStats.machineBusy(Duration.ofSeconds(1));
        }
        log(String.format(Locale.ROOT, "machine %.0f %% busy before the first start", busy * 100));
        return busy;
    }

    private Map<String, String> gatewayEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HIX_BASE_URL", simulator.baseUrl());
        env.put("REQUEST_RATE_LIMIT", "0");
        env.put("MAX_ATTEMPTS", "1");
        env.putAll(config.gatewayEnv());
        return env;
    }

    /** Fresh simulator state (no chats or records from earlier phases) with the answer of this level. */
    private void configureSimulator(int level) {
        simulator.reset();
        for (String token : tokens) {
            simulator.addAccount(token, 1_000_000_000);
        }
        simulator.answerWith(answer(config.eventsAt(level)));
        simulator.eventDelayMillis(config.delayAt(level));
    }

    /** The answer text cut into the given number of content events (whole words each). */
    static List<String> answer(int events) {
        String[] words = ANSWER.split("(?<=\\S)(?=\\s)");
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            int from = i * words.length / events;
            int to = (i + 1) * words.length / events;
            StringBuilder piece = new StringBuilder();
            for (int w = from; w < Math.max(to, from + 1) && w < words.length; w++) {
                piece.append(words[w]);
            }
            pieces.add(piece.length() == 0 ? "." : piece.toString());
        }
        return pieces;
    }

    /** The phases of each level, in the order they run. */
    private List<String> modes() {
        return relay == null ? List.of(DIRECT, STREAM, NON_STREAM) : List.of(DIRECT, STREAM, NON_STREAM, RELAY);
    }

    private Call call(String mode) {
        return switch (mode) {
            case DIRECT -> Calls.direct(simulator.baseUrl(), tokens, config.botId());
            case STREAM -> Calls.gateway(gateway.url(""), config.model(), true);
            case RELAY -> Calls.gateway(relay.url(), config.model(), true);
            default -> Calls.gateway(gateway.url(""), config.model(), false);
        };
    }

    private void warmUp() throws Exception {
        if (config.warmup().isZero()) {
            return;
        }
        int level = Math.min(64, config.levels().stream().mapToInt(Integer::intValue).max().orElse(64));
        Duration each = config.warmup().dividedBy(3);
        for (String mode : modes()) {
            quiesce(level);
            Outcome outcome = load.run(level, call(mode), each, 0, config.ramp(), config.requestTimeout(), null);
            log(String.format("warm-up %s at %d: %d requests, %d errors%s", mode, level, outcome.requests(),
                    outcome.errors(), outcome.errors() > 0 ? " " + outcome.errorKinds() : ""));
        }
    }

    /** Lets the gateway's background work of the previous phase end, then resets the simulator. */
    private void quiesce(int level) throws InterruptedException {
        // the gateway re-reads a cookie's credit after each answer, in the background: wait until the simulator
        // has heard nothing for 500 ms (10 s at most), so no call of this phase lands in the next one's count
        long deadline = System.nanoTime() + 10_000_000_000L;
        int seen = -1;
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            int now = simulator.requests().size();
            if (now == seen) {
                break;
            }
            seen = now;
        }
        configureSimulator(level);
    }

    private PhaseResult measure(int level, String mode, Report report) throws Exception {
        quiesce(level);
        // the direct phase has no process of its own under test; the others measure the gateway or the relay
        boolean measuresProcess = !mode.equals(DIRECT);
        // the relay phase reads the relay's process, the others the gateway's
        long pid = mode.equals(RELAY) ? relay.pid() : gateway.pid();
        long self = ProcessHandle.current().pid();
        Sampler sampler = new Sampler(pid);
        long gatewayTicks = ProcStats.cpuTicks(pid);
        long gatewayKernelTicks = ProcStats.kernelTicks(pid);
        long selfTicks = ProcStats.cpuTicks(self);
        long[] machine = ProcStats.machineTicks();
        AtomicReference<String> dump = new AtomicReference<>();
        boolean dumpHere = config.threadDump() && mode.equals(STREAM)
                && level == config.levels().stream().mapToInt(Integer::intValue).max().orElse(level);
        Runnable midPhase = dumpHere ? () -> dump.set(gateway.jcmd("Thread.print")) : null;
        sampler.start();
        Instant started = Instant.now();
        Outcome outcome = load.run(level, call(mode), config.phaseDuration(), config.maxRequestsPerPhase(),
                config.ramp(), config.requestTimeout(), midPhase);
        sampler.stop();
        Instant ended = Instant.now();
        double gatewayCpuMillis = (ProcStats.cpuTicks(pid) - gatewayTicks) * 1000.0 / ProcStats.TICKS_PER_SECOND;
        double gatewayKernelMillis = (ProcStats.kernelTicks(pid) - gatewayKernelTicks) * 1000.0 / ProcStats.TICKS_PER_SECOND;
        double selfCpuMillis = (ProcStats.cpuTicks(self) - selfTicks) * 1000.0 / ProcStats.TICKS_PER_SECOND;
        long[] machineAfter = ProcStats.machineTicks();
        double machineBusy = machineAfter[1] == machine[1] ? 0
                : 100.0 * (machineAfter[0] - machine[0]) / (machineAfter[1] - machine[1]);
        Map<String, Long> upstream = upstreamCalls(simulator.requests());
        PhaseResult result = new PhaseResult(level, mode, outcome,
                measuresProcess ? sampler.maxRss : -1, measuresProcess ? sampler.maxThreads : -1,
                measuresProcess ? gatewayCpuMillis / Math.max(1, outcome.requests() - outcome.errors()) : Double.NaN,
                measuresProcess ? gatewayCpuMillis / 10.0 / outcome.seconds() : Double.NaN,
                selfCpuMillis / 10.0 / outcome.seconds(), machineBusy, upstream, started, ended,
                measuresProcess && gatewayCpuMillis > 0 ? 100.0 * gatewayKernelMillis / gatewayCpuMillis : Double.NaN,
                selfCpuMillis / Math.max(1, outcome.requests() - outcome.errors()));
        if (dump.get() != null) {
            Path file = config.outDir().resolve("threads-" + level + "-" + mode + ".txt");
            Files.writeString(file, dump.get(), StandardCharsets.UTF_8);
            report.threadDumpFile = file;
            report.threadDumpLevel = level;
            report.threadGroups = threadGroups(dump.get());
            report.threadActivities = threadActivities(dump.get());
        }
        log(result.summary());
        if (mode.equals(STREAM) || mode.equals(NON_STREAM)) {
            log("      cookies after the phase: " + cookieStates());
        }
        return result;
    }

    /** Cookie states as the gateway's admin API lists them, e.g. ACTIVE=20. */
    private String cookieStates() {
        try {
            String all = gateway.get("/api/cookie/all");
            Map<String, Integer> counts = new TreeMap<>();
            Matcher state = Pattern.compile("\"state\"\\s*:\\s*\"([^\"]+)\"").matcher(all);
            while (state.find()) {
                counts.merge(state.group(1), 1, Integer::sum);
            }
            StringBuilder text = new StringBuilder();
            counts.forEach((name, count) -> text.append(text.length() == 0 ? "" : ", ").append(name).append('=').append(count));
            return text.toString();
        } catch (Exception e) {
            return "unknown (" + e + ")";
        }
    }

    /** Requests the simulator received during the phase, by endpoint. */
    static Map<String, Long> upstreamCalls(List<RecordedRequest> requests) {
        Map<String, Long> counts = new TreeMap<>();
        for (RecordedRequest request : requests) {
            String path = request.path();
            String name;
            if (path.equals("/api/trpc/hixChat.createChat")) {
                name = "createChat";
            } else if (path.equals("/api/hix/chat")) {
                name = "chat";
            } else if (path.contains("subUsage.getSubUsage")) {
                name = "credit check";
            } else if (path.equals("/api/trpc/hixChat.deleteChat")) {
                name = "deleteChat";
            } else {
                name = request.method() + " " + path;
            }
            counts.merge(name, 1L, Long::sum);
        }
        return counts;
    }

    /** Thread names of a jcmd Thread.print, numbers stripped, counted, largest first. */
    static Map<String, Long> threadGroups(String dump) {
        Map<String, Long> counts = new TreeMap<>();
        Matcher thread = Pattern.compile("(?m)^\"([^\"]*)\"").matcher(dump);
        while (thread.find()) {
            String name = thread.group(1).replaceAll("\\d+", "N");
            counts.merge(name, 1L, Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** WARN and ERROR lines of the gateway's log, numbers and ids blanked, counted, most first. */
    static Map<String, Long> logProblems(Path log) throws java.io.IOException {
        Map<String, Long> counts = new TreeMap<>();
        Pattern level = Pattern.compile("\\s(WARN|ERROR)\\s");
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher matcher = level.matcher(line);
            if (!matcher.find()) {
                continue;
            }
            int text = line.indexOf(" : ", matcher.end());
            String message = (text < 0 ? line.substring(matcher.end()) : line.substring(text + 3))
                    .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>").replaceAll("\\d+", "N");
            if (message.length() > 200) {
                message = message.substring(0, 200) + "…";
            }
            counts.merge(matcher.group(1) + " " + message, 1L, Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(10)
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** What a request-serving thread is doing, recognised by a frame of its stack (first rule that matches). */
    private static final String[][] ACTIVITIES = {
            {"NativePRNG", "on the shared SecureRandom (random ids, UUID.randomUUID)"},
            {"SecureRandom.engineNextBytes", "on the shared SecureRandom (random ids, UUID.randomUUID)"},
            {"AbstractCamelContext.getRoutes", "on the CamelContext.getRoutes lock"},
            {"MicrometerExchangeEventNotifier", "in Camel's Micrometer exchange event notifier"},
            {"ConnPool$1.get", "waiting for a free upstream connection (pool full: UPSTREAM_MAX_CONNECTIONS)"},
            {"BasicFuture.get", "waiting for a free upstream connection (pool full: UPSTREAM_MAX_CONNECTIONS)"},
            {"ConnPool.lease", "waiting to lease an upstream connection (HttpClient pool lock)"},
            {"ConnPool.release", "waiting to return an upstream connection (HttpClient pool lock)"},
            {"PoolingHttpClientConnectionManager.lease", "waiting to lease an upstream connection (HttpClient pool lock)"},
            {"InternalExecRuntime.acquireEndpoint", "leasing an upstream connection"},
            {"PoolingHttpClientConnectionManager.release", "waiting to return an upstream connection (HttpClient pool lock)"},
            {"HixEventReader.readMore", "reading the upstream event stream"},
            {"HixCalls.bodyText", "reading an upstream JSON answer"},
            {"Thread.start0", "starting a new thread"},
            {"ThreadPoolExecutor.getTask", "idle in its pool"},
            {"TaskQueue.take", "idle in its pool"},
            {"TaskQueue.poll", "idle in its pool"},
            {"SocketOutputStream.write", "writing to the client"},
            {"NioSocketWrapper.doWrite", "writing to the client"},
            {"CoyoteOutputStream", "writing to the client"},
            {"Http11OutputBuffer", "writing to the client"},
            {"dev.hixai2api.", "in gateway code"},
    };

    /** The request threads of a thread dump (http-exec, http-nio-…-exec) by what they are doing, most first. */
    static Map<String, Long> threadActivities(String dump) {
        Map<String, Long> counts = new TreeMap<>();
        for (String block : dump.split("\n\\s*\n")) {
            Matcher name = Pattern.compile("^\"([^\"]*)\"").matcher(block.strip());
            if (!name.find()) {
                continue;
            }
            String thread = name.group(1);
            String group = thread.startsWith("http-exec-") ? "http-exec"
                    : thread.matches("http-nio-.*-exec-\\d+") ? "http-nio exec" : null;
            if (group == null) {
                continue;
            }
            // the topmost frame that a rule recognises says what the thread is doing now (and who called)
            String activity = "other";
            outer:
            for (String line : block.split("\n")) {
                if (!line.strip().startsWith("at ")) {
                    continue;
                }
                for (String[] rule : ACTIVITIES) {
                    if (line.contains(rule[0])) {
                        activity = rule[1];
                        break outer;
                    }
                }
            }
            if (activity.startsWith("on the CamelContext") && block.contains("MicrometerExchangeEventNotifier")) {
                activity += ", from Camel's Micrometer exchange event notifier";
            }
            Matcher state = Pattern.compile("java.lang.Thread.State: (\\w+)").matcher(block);
            if (state.find() && (state.group(1).equals("BLOCKED") || activity.equals("in gateway code")
                    || activity.equals("other"))) {
                activity += " (" + state.group(1) + ")";
            }
            counts.merge(group + ": " + activity, 1L, Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** Start-up time on the default java too, when it is another JDK than the measured gateway's. */
    private List<String> otherStartups() throws Exception {
        List<String> lines = new ArrayList<>();
        String defaultJava = Path.of(System.getProperty("bench.default.java", "java")).toString();
        String gatewayVersion = javaVersion(config.gatewayJava());
        String defaultVersion = javaVersion(defaultJava);
        if (defaultVersion.equals(gatewayVersion) || defaultVersion.startsWith("unknown")) {
            return lines;
        }
        Path runDir = config.outDir().resolve("gateway-startup");
        deleteRecursively(runDir);
        try (GatewayUnderTest other = GatewayUnderTest.start(defaultJava, config.gatewayJvmOptions(), config.jar(),
                config.projectDir(), runDir, gatewayEnvironment())) {
            GatewayUnderTest.Readiness readiness = other.awaitReady(Duration.ofSeconds(120));
            lines.add(String.format("%s: liveness UP after %.0f ms, `/v1/models` answered after %.0f ms (%s)",
                    defaultVersion, readiness.livenessMillis(), readiness.modelsMillis(), readiness.springReport()));
            log("start-up on " + lines.get(0));
        }
        return lines;
    }

    /** The commit the jar was built from, and whether the working tree differed from it. */
    static String codeVersion(Path project) {
        try {
            Process head = new ProcessBuilder("git", "-C", project.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true).start();
            String commit = new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            head.waitFor();
            Process status = new ProcessBuilder("git", "-C", project.toString(), "status", "--porcelain", "--",
                    "src/main", "pom.xml", "routes").redirectErrorStream(true).start();
            long changed = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().count();
            status.waitFor();
            return "commit `" + commit + "`" + (changed == 0 ? "" : " with " + changed
                    + " uncommitted change(s) in src/main, pom.xml or routes");
        } catch (Exception e) {
            return "unknown (no git)";
        }
    }

    static String javaVersion(String java) {
        try {
            Process p = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String vendor = property(out, "java.vm.vendor");
            String version = property(out, "java.runtime.version");
            return vendor + " " + version;
        } catch (Exception e) {
            return "unknown (" + java + ")";
        }
    }

    private static String property(String settings, String name) {
        Matcher matcher = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + " = (.*)$").matcher(settings);
        return matcher.find() ? matcher.group(1).trim() : "?";
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static void log(String message) {
        System.out.println("[bench " + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + message);
        System.out.flush();
    }

    /** One measured phase. rss/threads/cpu of the gateway process; -1 or NaN for the direct baseline. */
    record PhaseResult(int level, String mode, Outcome outcome, long maxRssBytes, long maxThreads,
                       double cpuMillisPerRequest, double gatewayCpuPercent, double benchCpuPercent,
                       double machineBusyPercent, Map<String, Long> upstreamCalls, Instant started, Instant ended,
                       double gatewayKernelPercent, double benchCpuMillisPerRequest) {

        double ttftP50() {
            return LoadGenerator.percentileMillis(outcome.firstToken(), 50);
        }

        double ttftP99() {
            return LoadGenerator.percentileMillis(outcome.firstToken(), 99);
        }

        double latencyP50() {
            return LoadGenerator.percentileMillis(outcome.latency(), 50);
        }

        double latencyP99() {
            return LoadGenerator.percentileMillis(outcome.latency(), 99);
        }

        String summary() {
            String firstToken = mode.equals(NON_STREAM) ? ""
                    : String.format("TTFT p50 %7.1f p99 %7.1f ms, ", ttftP50(), ttftP99());
            String open = mode.equals(NON_STREAM) ? "" : String.format(", open at once %4d", outcome.maxOpen());
            return String.format("%5d %-10s %6d requests, %4d errors, %8.1f/s, %slatency p50 %7.1f p99 %7.1f ms%s%s%s",
                    level, mode, outcome.requests(), outcome.errors(), outcome.perSecond(), firstToken,
                    latencyP50(), latencyP99(), open,
                    maxRssBytes > 0 ? String.format(", RSS %d MB, %d threads, CPU %.2f ms/req",
                            maxRssBytes >> 20, maxThreads, cpuMillisPerRequest) : "",
                    outcome.errors() > 0 ? " " + outcome.errorKinds() : "");
        }
    }

    /** Samples the gateway's resident memory and thread count every 200 ms; keeps the maximum. */
    private static final class Sampler implements Runnable {
        private final long pid;
        private final Thread thread;
        private volatile boolean running = true;
        volatile long maxRss;
        volatile long maxThreads;

        Sampler(long pid) {
            this.pid = pid;
            this.thread = new Thread(this, "bench-sampler");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(2_000);
            sample();
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sample() {
            maxRss = Math.max(maxRss, ProcStats.rssBytes(pid));
            maxThreads = Math.max(maxThreads, ProcStats.threads(pid));
        }
    }
}
