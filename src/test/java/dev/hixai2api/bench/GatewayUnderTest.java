package dev.hixai2api.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged gateway jar run as its own process, as an operator runs it, on 127.0.0.1. */
final class GatewayUnderTest implements AutoCloseable {

    /** Settings the gateway reads from the environment: the benchmark's process never inherits them. */
    private static final List<String> SETTINGS = List.of("PORT", "DEBUG", "MYSQL_DSN", "BACKEND_SECRET",
            "BACKEND_API_ENABLE", "CHAT_MAX_DAYS", "ROUTE_PREFIX", "PROXY_URL", "SWAGGER_ENABLE", "REASONING_HIDE",
            "REASONING_FORMAT",
            "PRE_MESSAGES_JSON", "REQUEST_RATE_LIMIT", "IP_BLACK_LIST", "HIX_BASE_URL", "DATA_DIR", "MAX_BODY_SIZE",
            "UPSTREAM_CONNECT_TIMEOUT", "UPSTREAM_FIRST_BYTE_TIMEOUT", "UPSTREAM_IDLE_TIMEOUT", "UPSTREAM_READ_TIMEOUT",
            "UPSTREAM_MAX_CONNECTIONS", "MAX_ATTEMPTS", "COOKIE_COOLDOWN", "CREDIT_RECHECK_INTERVAL", "CREDIT_REFRESH_CRON", "CHAT_CLEANUP_CRON", "ROUTES_DIR", "LOG_FORMAT",
            "SHUTDOWN_GRACE", "ATTACHMENT_MAX_SIZE", "ATTACHMENT_ALLOWED_HOSTS", "ATTACHMENT_FETCH_TIMEOUT",
            "MAX_CONCURRENT_REQUESTS", "VIRTUAL_THREADS", "SERVER_ADDRESS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    private static final Pattern STARTED = Pattern.compile(
            "Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private final Process process;
    private final long startNanos;
    private final int port;
    private final Path log;
    private final String secret;
    private final String java;
    private final List<String> command;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private GatewayUnderTest(Process process, long startNanos, int port, Path log, String secret, String java,
                             List<String> command) {
        this.process = process;
        this.startNanos = startNanos;
        this.port = port;
        this.log = log;
        this.secret = secret;
        this.java = java;
        this.command = command;
    }

    /**
     * Starts the jar with the given JVM options and the benchmark's settings.
     *
     * @param extraEnv settings the gateway's operator would set (the simulator's URL, no rate limit, ...)
     */
    static GatewayUnderTest start(String java, List<String> jvmOptions, Path jar, Path workDir, Path runDir,
                                  Map<String, String> extraEnv) throws IOException {
        Files.createDirectories(runDir);
        int port = freePort();
        Path log = runDir.resolve("gateway.log");
        String secret = "bench-secret-" + Long.toHexString(System.nanoTime()) + "-0123456789";
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeAll(SETTINGS);
        builder.environment().put("PORT", String.valueOf(port));
        // Spring Boot's server.address: listen on the loopback interface only
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        builder.environment().put("DATA_DIR", runDir.resolve("data").toString());
        builder.environment().put("BACKEND_SECRET", secret);
        builder.environment().putAll(extraEnv);
        long start = System.nanoTime();
        Process process = builder.start();
        return new GatewayUnderTest(process, start, port, log, secret, java, List.copyOf(command));
    }

    long pid() {
        return process.pid();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    Path log() {
        return log;
    }

    List<String> command() {
        return command;
    }

    /** Start-up times, measured from the moment the process was started. */
    record Readiness(double livenessMillis, double modelsMillis, int modelsStatus, String springReport) {
    }

    /** Polls liveness, then GET /v1/models, every 10 ms from the start of the process. */
    Readiness awaitReady(Duration timeout) throws Exception {
        long deadline = startNanos + timeout.toNanos();
        double liveness = poll("/actuator/health/liveness", deadline, true)[0];
        double[] models = poll("/v1/models", deadline, false);
        return new Readiness(liveness, models[0], (int) models[1], springStartedLine());
    }

    private double[] poll(String path, long deadline, boolean needOk) throws Exception {
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited during start-up, see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (!needOk || response.statusCode() == 200) {
                    return new double[] {(System.nanoTime() - startNanos) / 1e6, response.statusCode()};
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("gateway did not answer " + path + " in time, see " + log);
    }

    /** Spring Boot's own "Started ... in X seconds (process running for Y)" line, if logged yet. */
    String springStartedLine() throws IOException {
        for (int i = 0; i < 50; i++) {
            Matcher matcher = STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (matcher.find()) {
                return "Spring Boot: started in " + matcher.group(1) + " s (JVM running for " + matcher.group(2) + " s)";
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "Spring Boot's start-up line not found";
    }

    /** PUT /api/cookie through the admin API; the gateway checks the cookie with the simulator. */
    void addCookie(String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/api/cookie")))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"cookie\":\"" + token + "\",\"remark\":\"bench\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"code\":0")) {
            throw new IllegalStateException("adding a cookie failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** GET with the admin secret. */
    String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + secret)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /** Runs jcmd of the gateway's own JDK (falls back to the one on the PATH). */
    String jcmd(String... args) {
        Path sibling = Path.of(java).getParent() == null ? null : Path.of(java).resolveSibling("jcmd");
        String jcmd = sibling != null && Files.isExecutable(sibling) ? sibling.toString() : "jcmd";
        List<String> command = new ArrayList<>(List.of(jcmd, String.valueOf(pid())));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "jcmd failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "jcmd interrupted";
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM (graceful: a JFR recording is written on exit), then SIGKILL after 40 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
