package dev.hixai2api.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import dev.hixai2api.persistence.ConversationRepository;
import dev.hixai2api.persistence.DataSourceConfiguration;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * The CPU one conversation record costs on the embedded H2 database, apart from everything else the gateway
 * does: a fresh database made by the real migrations, the gateway's JDBC URL and {@link ConversationRepository}'s
 * insert, one per answer at a fixed rate from a few threads, as the request threads do. Prints the process's CPU
 * per insert, H2's background writer included, for a first and a second phase of the same length.
 *
 * <p>{@code java -cp <test classpath> dev.hixai2api.bench.ConversationInsertReplay <inserts/s> <seconds>
 * [write delay ms] [no-indexes]}: the write delay replaces the gateway's ({@value DataSourceConfiguration#WRITE_DELAY_MS}
 * ms, its crash window); {@code no-indexes} drops the table's three secondary indexes first, to size their share.
 */
final class ConversationInsertReplay {

    /** Threads making records, and as many pooled connections for them. */
    static final int THREADS = 4;
    private static final List<String> INDEXES =
            List.of("ix_conversation_context", "ix_conversation_update", "ix_conversation_chat");

    /** One phase: how many records were inserted, and the process's CPU per insert. */
    record Phase(int inserts, double cpuMsPerInsert) {
    }

    /** The phases, and the records the table holds at the end. */
    record Replay(List<Phase> phases, long records) {
    }

    private ConversationInsertReplay() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("conversation-replay");
        Replay replay;
        try {
            replay = run(dir, Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                    args.length > 2 ? Integer.parseInt(args[2]) : DataSourceConfiguration.WRITE_DELAY_MS,
                    args.length > 3 && args[3].equals("no-indexes"), 2);
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
        for (int i = 0; i < replay.phases().size(); i++) {
            Phase phase = replay.phases().get(i);
            System.out.printf("phase %d: %d inserts, %.3f ms of CPU per insert%n", i + 1, phase.inserts(),
                    phase.cpuMsPerInsert());
        }
    }

    static Replay run(Path dir, int rate, int seconds, int writeDelayMs, boolean noIndexes, int phases)
            throws InterruptedException, ExecutionException {
        try (HikariDataSource dataSource = openDatabase(dir, writeDelayMs, DataSourceConfiguration.CACHE_SIZE_KB)) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            if (noIndexes) {
                INDEXES.forEach(index -> jdbc.sql("DROP INDEX " + index).update());
            }
            ConversationRepository conversations = new ConversationRepository(jdbc);
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Phase> measured = new ArrayList<>();
                for (int phase = 0; phase < phases; phase++) {
                    Paced paced = paced(threads, rate, seconds, () -> insert(conversations));
                    measured.add(new Phase(paced.operations(), paced.cpuMsPerOperation()));
                }
                long records = jdbc.sql("SELECT COUNT(*) FROM conversation").query(Long.class).single();
                return new Replay(measured, records);
            } finally {
                threads.shutdown();
            }
        }
    }

    /** A fresh embedded database at the gateway's URL with these settings, made by the real migrations. */
    static HikariDataSource openDatabase(Path dir, int writeDelayMs, int cacheSizeKb) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(DataSourceConfiguration.h2Url(dir, writeDelayMs, cacheSizeKb));
        dataSource.setUsername("sa");
        dataSource.setMaximumPoolSize(THREADS);
        try {
            Flyway.configure().dataSource(dataSource)
                    .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /** Operations started at a fixed rate: how many, the process's CPU per operation, and each one's duration. */
    record Paced(int operations, double cpuMsPerOperation, long[] sortedNanos) {

        double percentileMs(int percent) {
            return sortedNanos[Math.min(sortedNanos.length - 1, sortedNanos.length * percent / 100)] / 1e6;
        }
    }

    /** Starts {@code rate * seconds} operations at a fixed rate on the given threads, as requests arrive. */
    static Paced paced(ExecutorService threads, int rate, int seconds, Runnable operation)
            throws InterruptedException, ExecutionException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        int operations = rate * seconds;
        List<Future<Long>> done = new ArrayList<>(operations);
        for (int i = 0; i < operations; i++) {
            LockSupport.parkNanos(start + i * interval - System.nanoTime());
            done.add(threads.submit(() -> {
                long begin = System.nanoTime();
                operation.run();
                return System.nanoTime() - begin;
            }));
        }
        long[] nanos = new long[operations];
        for (int i = 0; i < operations; i++) {
            nanos[i] = done.get(i).get();
        }
        Arrays.sort(nanos);
        return new Paced(operations, (os.getProcessCpuTime() - cpuBefore) / 1e6 / operations, nanos);
    }

    /** A record as an answered new chat leaves it: a chat id, a 64-hex-digit history key, no tools. */
    private static void insert(ConversationRepository conversations) {
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        conversations.insert(UUID.randomUUID().toString(), 1 + ThreadLocalRandom.current().nextInt(20), "gpt-4o-mini",
                HexFormat.of().formatHex(key), null);
    }
}
