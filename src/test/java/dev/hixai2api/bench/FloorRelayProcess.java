package dev.hixai2api.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link FloorRelay} as its own process, with the gateway's JVM options, so its CPU is measured on its own. */
final class FloorRelayProcess implements AutoCloseable {

    private static final String LISTENING = "relay listening on ";

    private final Process process;
    private final int port;

    private FloorRelayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the relay on a free port of 127.0.0.1 and waits until it listens; its output goes to the log. */
    static FloorRelayProcess start(String java, List<String> jvmOptions, String simulatorUrl, int botId,
                                   List<String> tokens, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FloorRelay.class.getName(), "0",
                simulatorUrl, String.valueOf(botId)));
        command.addAll(tokens);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith(LISTENING)) {
                int port = Integer.parseInt(line.substring(LISTENING.length()).trim().split(" ", 2)[0]);
                Thread copy = new Thread(() -> copy(output, log), "bench-relay-log");
                copy.setDaemon(true);
                copy.start();
                return new FloorRelayProcess(process, port);
            }
        }
        Files.writeString(log, seen, StandardCharsets.UTF_8);
        throw new IllegalStateException("the floor relay exited before listening, see " + log);
    }

    private static void copy(BufferedReader output, Path log) {
        try (var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            // the relay ended
        }
    }

    long pid() {
        return process.pid();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
