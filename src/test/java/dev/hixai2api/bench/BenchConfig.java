package dev.hixai2api.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's parameters, read from environment variables (documented in docs/benchmark.md and
 * bench/run). Defaults finish a whole run in about four minutes on two cores.
 */
record BenchConfig(
        List<Integer> levels,
        Duration phaseDuration,
        int maxRequestsPerPhase,
        Duration warmup,
        Duration ramp,
        Duration requestTimeout,
        int events,
        long eventDelayMillis,
        int longLevel,
        int longEvents,
        long longEventDelayMillis,
        int accounts,
        int simulatorMaxIdle,
        String model,
        int botId,
        String gatewayJava,
        List<String> gatewayJvmOptions,
        String aotCache,
        Map<String, String> gatewayEnv,
        boolean jfr,
        boolean threadDump,
        boolean relay,
        List<String> relayJvmOptions,
        int starts,
        Duration settleTimeout,
        Path jar,
        Path outDir,
        Path docsDir,
        Path projectDir,
        Path baseline) {

    static BenchConfig fromEnvironment() {
        Path project = Path.of(System.getProperty("bench.project", ".")).toAbsolutePath().normalize();
        Path jar = Path.of(System.getProperty("bench.jar", project.resolve("target-bench/hixai2api.jar").toString()));
        Path out = Path.of(System.getProperty("bench.out", project.resolve("target-bench/bench").toString()));
        Path docs = Path.of(System.getProperty("bench.docs", project.resolve("docs").toString()));
        return new BenchConfig(
                intList(env("BENCH_LEVELS", "1,64,256,1000")),
                Duration.ofMillis((long) (Double.parseDouble(env("BENCH_DURATION_S", "12")) * 1000)),
                Integer.parseInt(env("BENCH_MAX_REQUESTS", "0")),
                Duration.ofMillis((long) (Double.parseDouble(env("BENCH_WARMUP_S", "10")) * 1000)),
                Duration.ofMillis(Long.parseLong(env("BENCH_RAMP_MS", "1000"))),
                Duration.ofSeconds(Long.parseLong(env("BENCH_REQUEST_TIMEOUT_S", "60"))),
                Integer.parseInt(env("BENCH_EVENTS", "20")),
                Long.parseLong(env("BENCH_EVENT_DELAY_MS", "10")),
                Integer.parseInt(env("BENCH_LONG_LEVEL", "1000")),
                Integer.parseInt(env("BENCH_LONG_EVENTS", "20")),
                Long.parseLong(env("BENCH_LONG_EVENT_DELAY_MS", "250")),
                Integer.parseInt(env("BENCH_ACCOUNTS", "20")),
                Integer.parseInt(env("BENCH_SIM_MAX_IDLE", "5000")),
                env("BENCH_MODEL", "gpt-4o-mini"),
                Integer.parseInt(env("BENCH_BOT_ID", "86")),
                env("BENCH_JAVA", "java"),
                words(env("BENCH_BASE_OPTS", "") + " " + env("BENCH_GATEWAY_OPTS", "")),
                env("BENCH_AOT_CACHE", ""),
                settings(env("BENCH_GATEWAY_ENV", "")),
                env("BENCH_JFR", "0").equals("1"),
                !env("BENCH_THREAD_DUMP", "1").equals("0"),
                !env("BENCH_RELAY", "1").equals("0"),
                words(env("BENCH_BASE_OPTS", "") + " " + env("BENCH_GATEWAY_OPTS", "") + " "
                        + env("BENCH_RELAY_OPTS", "")),
                Math.max(1, Integer.parseInt(env("BENCH_STARTS", "3"))),
                Duration.ofSeconds(Long.parseLong(env("BENCH_SETTLE_S", "60"))),
                jar.toAbsolutePath(), out.toAbsolutePath(), docs.toAbsolutePath(), project,
                env("BENCH_BASELINE", "").isEmpty() ? null : project.resolve(env("BENCH_BASELINE", "")));
    }

    /** Events and delay of the simulated answer at this concurrency. */
    int eventsAt(int level) {
        return level >= longLevel ? longEvents : events;
    }

    long delayAt(int level) {
        return level >= longLevel ? longEventDelayMillis : eventDelayMillis;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static List<Integer> intList(String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) {
                int value = Integer.parseInt(part.replace("_", ""));
                if (value < 1 || value > 5000) {
                    throw new IllegalArgumentException("BENCH_LEVELS: " + value + " is outside 1..5000");
                }
                values.add(value);
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("BENCH_LEVELS is empty");
        }
        return List.copyOf(values);
    }

    /** NAME=value pairs separated by spaces or commas, e.g. "UPSTREAM_MAX_CONNECTIONS=1200 MAX_ATTEMPTS=3". */
    private static Map<String, String> settings(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : text.split("[,\\s]+")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("BENCH_GATEWAY_ENV: " + pair + " is not NAME=value");
            }
            settings.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return Map.copyOf(settings);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String part : text.split("\\s+")) {
            if (!part.isBlank()) {
                words.add(part);
            }
        }
        return List.copyOf(words);
    }
}
