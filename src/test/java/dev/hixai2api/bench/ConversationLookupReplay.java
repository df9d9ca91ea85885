package dev.hixai2api.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.hixai2api.persistence.ConversationRepository;
import dev.hixai2api.persistence.ConversationRepository.StoredConversation;
import dev.hixai2api.persistence.DataSourceConfiguration;
import dev.hixai2api.security.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * What the conversation records cost the embedded H2 database once its table is large, for a given page cache:
 * a fresh database (real migrations, the gateway's JDBC URL) filled with {@code records} conversations, then
 * answers at a fixed rate, as the gateway's request threads make them. Half are new conversations (a lookup that
 * finds nothing, then the insert), half continue a stored one picked at random (the lookup, the claim, the
 * advance). Prints, per phase, the process's CPU per answer (H2's background writer included) and how long the
 * database work of one answer took, p50 and p99.
 *
 * <p>{@code java -cp <test classpath> dev.hixai2api.bench.ConversationLookupReplay <records> <answers/s> <seconds>
 * [cache KB]}: three phases of that length; the cache replaces the gateway's
 * ({@value DataSourceConfiguration#CACHE_SIZE_KB} KB).
 */
final class ConversationLookupReplay {

    private static final int PHASES = 3;
    private static final int FILL_BATCH = 50_000;
    private static final String MODEL = "gpt-4o-mini";

    /** One phase: answers, how many continuations found their record, CPU per answer, database time p50/p99. */
    record Phase(int answers, int continued, double cpuMsPerAnswer, double p50Ms, double p99Ms) {
    }

    private ConversationLookupReplay() {
    }

    public static void main(String[] args) throws Exception {
        int cacheKb = args.length > 3 ? Integer.parseInt(args[3]) : DataSourceConfiguration.CACHE_SIZE_KB;
        Path dir = Files.createTempDirectory("conversation-lookup-replay");
        try {
            List<Phase> phases = run(dir, Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                    Integer.parseInt(args[2]), cacheKb, PHASES);
            System.out.printf("%s records, page cache %d KB%n", args[0], cacheKb);
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                System.out.printf("phase %d: %d answers (%d continued), %.3f ms of CPU per answer, "
                                + "database time p50 %.2f ms, p99 %.2f ms%n", i + 1, phase.answers(), phase.continued(),
                        phase.cpuMsPerAnswer(), phase.p50Ms(), phase.p99Ms());
            }
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    static List<Phase> run(Path dir, int records, int rate, int seconds, int cacheKb, int phases)
            throws InterruptedException, ExecutionException {
        int continuations = (rate * seconds + 1) / 2 * phases;
        if (continuations > records) {
            throw new IllegalArgumentException(continuations + " continuations need as many stored records, not "
                    + records);
        }
        try (HikariDataSource dataSource = ConversationInsertReplay.openDatabase(dir,
                DataSourceConfiguration.WRITE_DELAY_MS, cacheKb)) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            fill(jdbc, records);
            ConversationRepository conversations = new ConversationRepository(jdbc);
            // Each continuation takes a record no other one took: an advanced record no longer has its old key.
            int[] picks = ThreadLocalRandom.current().ints(1, records + 1).distinct().limit(continuations).toArray();
            AtomicInteger nextPick = new AtomicInteger();
            AtomicInteger answers = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(ConversationInsertReplay.THREADS);
            try {
                List<Phase> measured = new ArrayList<>();
                for (int phase = 0; phase < phases; phase++) {
                    AtomicInteger continued = new AtomicInteger();
                    ConversationInsertReplay.Paced paced = ConversationInsertReplay.paced(threads, rate, seconds, () -> {
                        if (answers.getAndIncrement() % 2 == 0) {
                            if (continueStored(conversations, picks[nextPick.getAndIncrement()])) {
                                continued.incrementAndGet();
                            }
                        } else {
                            startNew(conversations);
                        }
                    });
                    measured.add(new Phase(paced.operations(), continued.get(), paced.cpuMsPerOperation(),
                            paced.percentileMs(50), paced.percentileMs(99)));
                }
                return measured;
            } finally {
                threads.shutdown();
            }
        }
    }

    /** Stored record n has the history key SHA-256("n") in hex, so a continuation can name it without a read. */
    private static void fill(JdbcClient jdbc, int records) {
        for (int from = 1; from <= records; from += FILL_BATCH) {
            jdbc.sql("INSERT INTO conversation (chat_id, cookie_id, model, context_hash, create_time, update_time) "
                            + "SELECT 'chat-' || X, 1 + MOD(X, 20), ?, LOWER(RAWTOHEX(HASH('SHA-256', CAST(X AS VARCHAR)))), "
                            + "X, X FROM SYSTEM_RANGE(?, ?)")
                    .params(MODEL, from, Math.min(records, from + FILL_BATCH - 1))
                    .update();
        }
    }

    private static boolean continueStored(ConversationRepository conversations, int record) {
        String key = Secrets.sha256Hex(String.valueOf(record));
        Optional<StoredConversation> stored = conversations.findByContext(key, MODEL);
        if (stored.isEmpty()) {
            return false;
        }
        Optional<String> claim = conversations.claim(stored.get().chatId(), key);
        claim.ifPresent(marker -> conversations.advance(stored.get().chatId(), marker,
                Secrets.sha256Hex(UUID.randomUUID().toString()), null));
        return claim.isPresent();
    }

    private static void startNew(ConversationRepository conversations) {
        String key = Secrets.sha256Hex(UUID.randomUUID().toString());
        conversations.findByContext(key, MODEL);
        conversations.insert(UUID.randomUUID().toString(), 1 + ThreadLocalRandom.current().nextInt(20), MODEL, key, null);
    }

}
