package dev.hixai2api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged gateway (target/hixai2api.jar) run as its own process, as the Docker image runs it: the jar extracted
 * to Spring Boot's layout, the production JVM options (src/main/docker/jvm.options) and, where Temurin 25 is
 * installed, on it with an ahead-of-time cache trained once by src/main/docker/aot-training.sh. A start then takes
 * about a quarter of the fat jar's on JDK 17, and the integration tests start the gateway a dozen times.
 */
final class GatewayProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static List<String> command;

    private final Process process;
    private final int port;
    private final Path log;

    private GatewayProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Started in the project folder. */
    static GatewayProcess start(String name, Map<String, String> environment) throws IOException {
        return start(name, environment, Path.of(""));
    }

    static GatewayProcess start(String name, Map<String, String> environment, Path workingDirectory) throws IOException {
        int port = freePort();
        Path dir = Files.createDirectories(itDirectory().resolve(name));
        Path log = dir.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(workingDirectory.toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().putIfAbsent("DATA_DIR", dir.resolve("data").toString());
        return new GatewayProcess(builder.start(), port, log);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Waits until the gateway reports itself alive. */
    GatewayProcess awaitStarted(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited during start-up, see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create(url("/actuator/health/liveness")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("gateway not started within " + timeout + ", see " + log.toAbsolutePath());
    }

    /** SIGTERM, as a container runtime or systemd stops the gateway. */
    void stop() {
        process.destroy();
    }

    /** SIGKILL: the process gets no chance to flush or close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Sends a JSON request (auth: the bearer token, or null) and returns the answer, which must be a 200. */
    JsonNode send(String method, String path, String body, String auth) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            request.header("Authorization", "Bearer " + auth);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** What the gateway printed so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    boolean exitedWithin(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static Path itDirectory() {
        return Path.of(System.getProperty("hixai2api.jar", "target/hixai2api.jar")).toAbsolutePath().resolveSibling("it");
    }

    /** The gateway's command line, made once: extraction, and on Temurin 25 the cache's training run. */
    private static synchronized List<String> command() throws IOException {
        if (command != null) {
            return command;
        }
        Path jar = Path.of(System.getProperty("hixai2api.jar", "target/hixai2api.jar")).toAbsolutePath();
        Path image = itDirectory().resolve("image");
        Path application = image.resolve("application");
        String defaultJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        run(List.of(defaultJava, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--force",
                "--destination", application.toString()), Map.of(), image.resolve("extract.log"));
        Path applicationJar = application.resolve("hixai2api.jar");
        List<String> options = List.of("@" + Path.of("src/main/docker/jvm.options").toAbsolutePath(), "-Xmx512m");
        List<String> line = new ArrayList<>();
        if (Files.isExecutable(TEMURIN_25)) {
            Path cache = image.resolve("hixai2api.aot");
            List<String> training = new ArrayList<>(List.of("sh", Path.of("src/main/docker/aot-training.sh")
                    .toAbsolutePath().toString(), cache.toString(), applicationJar.toString()));
            training.addAll(options);
            run(training, Map.of("JAVA", TEMURIN_25.toString(), "AOT_TRAINING_PORT", String.valueOf(freePort())),
                    image.resolve("aot-training.log"));
            line.add(TEMURIN_25.toString());
            line.addAll(options);
            line.add("-XX:AOTCache=" + cache);
        } else {
            line.add(defaultJava);
            line.addAll(options);
        }
        line.addAll(List.of("-jar", applicationJar.toString()));
        command = List.copyOf(line);
        return command;
    }

    private static void run(List<String> line, Map<String, String> environment, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " failed, see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
