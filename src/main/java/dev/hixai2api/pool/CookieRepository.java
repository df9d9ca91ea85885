package dev.hixai2api.pool;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.hixai2api.hix.Credits;
import dev.hixai2api.hix.ModelType;
import dev.hixai2api.pool.CookieState;
import dev.hixai2api.pool.HixCookie;
import dev.hixai2api.security.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The HixAI accounts of the pool. Tokens are unique by their SHA-256, whatever form they were pasted in.
 * Every request picks from the pool, so the list is kept in memory: written through by this instance's
 * changes, and re-read at most a second old so other instances' changes arrive too.
 *
 * <p>Every change of a cookie's state, credit or token moves its {@code state_version} on. A credit re-read
 * (a usage call, then a write) passes the version it started from and writes only if it is still the row's,
 * so it never overwrites a newer state or lands on a token an admin has since put in, on any instance.
 */
@Repository
public class CookieRepository {

    private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

    private static final String COLUMNS = "id, token, remark, credit, advanced_credit, active_sub, state, "
            + "last_error, last_error_at, last_refresh_at, cooldown_until, create_time, state_version";

    private final JdbcClient jdbc;
    /** Counts this instance's writes: a list read before the latest write is never served from the cache. */
    private final AtomicLong writes = new AtomicLong();
    private volatile Cached cached;

    private record Cached(List<HixCookie> cookies, long loadedAt, long writes) {
    }

    public CookieRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Forgets the cached list: the next read goes to the database. */
    public void invalidate() {
        writes.incrementAndGet();
    }

    /** Stores a checked account; a token already stored raises DuplicateKeyException. */
    public long insert(String token, String remark, Credits credits) {
        long now = System.currentTimeMillis();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO hix_cookie (token, token_hash, remark, credit, advanced_credit, active_sub, state, "
                        + "last_refresh_at, create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(token, Secrets.sha256Hex(token), remark, credits.standard(), credits.advanced(),
                        credits.activeSub(), CookieState.ACTIVE.name(), now, now)
                .update(keys, "id");
        invalidate();
        return keys.getKey().longValue();
    }

    public List<HixCookie> findAll() {
        Cached current = cached;
        long writesSeen = writes.get();
        // a load that raced with a write carries the older count, so the next read loads again
        if (current == null || current.writes() != writesSeen || System.nanoTime() - current.loadedAt() > CACHE_NANOS) {
            current = new Cached(List.copyOf(jdbc.sql("SELECT " + COLUMNS + " FROM hix_cookie ORDER BY id")
                    .query(CookieRepository::map).list()), System.nanoTime(), writesSeen);
            cached = current;
        }
        return current.cookies();
    }

    public Optional<HixCookie> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hix_cookie WHERE id = ?").param(id)
                .query(CookieRepository::map).optional();
    }

    /**
     * Credits re-read from HixAI revive a cookie that was disabled or out of credit, unless the cookie changed
     * since {@code readVersion} (the version the re-read started from): then nothing is written. A cooldown runs
     * its course: a working usage call says nothing of the chat call that failed.
     */
    public boolean updateCredits(long id, long readVersion, Credits credits) {
        return update(id, "credit = ?, advanced_credit = ?, active_sub = ?, state = ?, last_refresh_at = ?",
                OptionalLong.of(readVersion), credits.standard(),
                credits.advanced(), credits.activeSub(), CookieState.ACTIVE.name(), System.currentTimeMillis());
    }

    /** The cookie stays active but the pool prefers others until {@code until}. */
    public boolean coolDown(long id, long until, String reason, OptionalLong readVersion) {
        return update(id, "cooldown_until = ?, last_error = ?, last_error_at = ?", readVersion,
                until, truncate(reason), System.currentTimeMillis());
    }

    public void markFailure(long id, CookieState state, String reason) {
        markFailure(id, state, reason, OptionalLong.empty());
    }

    public boolean markFailure(long id, CookieState state, String reason, OptionalLong readVersion) {
        return update(id, "state = ?, last_error = ?, last_error_at = ?", readVersion,
                state.name(), truncate(reason), System.currentTimeMillis());
    }

    /** HixAI says the credit of these sides is used up: they show zero until the next re-read. */
    public boolean markOutOfCredit(long id, Set<ModelType> sides, String reason, OptionalLong readVersion) {
        String zeroed = (sides.contains(ModelType.STANDARD) ? "credit = 0, " : "")
                + (sides.contains(ModelType.ADVANCED) ? "advanced_credit = 0, " : "");
        return update(id, zeroed + "last_error = ?, last_error_at = ?", readVersion,
                truncate(reason), System.currentTimeMillis());
    }

    /**
     * Sets the columns and moves the version on; with {@code readVersion}, only if the row still has it.
     * Answers whether the row was written.
     */
    private boolean update(long id, String assignments, OptionalLong readVersion, Object... values) {
        List<Object> params = new ArrayList<>(Arrays.asList(values));
        params.add(id);
        readVersion.ifPresent(params::add);
        boolean written = jdbc.sql("UPDATE hix_cookie SET " + assignments + ", state_version = state_version + 1 "
                        + "WHERE id = ?" + (readVersion.isPresent() ? " AND state_version = ?" : ""))
                .params(params)
                .update() > 0;
        invalidate();
        return written;
    }

    public boolean exists(String token) {
        return jdbc.sql("SELECT COUNT(*) FROM hix_cookie WHERE token_hash = ?").param(Secrets.sha256Hex(token))
                .query(Integer.class).single() > 0;
    }

    /** A re-checked token replaces the old one, and its credits revive the cookie. */
    public boolean replaceToken(long id, String token, String remark, Credits credits) {
        return update(id, "token = ?, token_hash = ?, remark = ?, credit = ?, advanced_credit = ?, active_sub = ?, "
                        + "state = ?, last_refresh_at = ?, cooldown_until = NULL", OptionalLong.empty(),
                token, Secrets.sha256Hex(token), remark, credits.standard(), credits.advanced(), credits.activeSub(),
                CookieState.ACTIVE.name(), System.currentTimeMillis());
    }

    public boolean updateRemark(long id, String remark) {
        boolean updated = jdbc.sql("UPDATE hix_cookie SET remark = ? WHERE id = ?").params(remark, id).update() > 0;
        invalidate();
        return updated;
    }

    public boolean delete(long id) {
        boolean deleted = jdbc.sql("DELETE FROM hix_cookie WHERE id = ?").param(id).update() > 0;
        invalidate();
        return deleted;
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 255 ? reason : reason.substring(0, 255);
    }

    private static HixCookie map(ResultSet rs, int row) throws SQLException {
        return new HixCookie(
                rs.getLong("id"),
                rs.getString("token"),
                rs.getString("remark"),
                rs.getInt("credit"),
                rs.getInt("advanced_credit"),
                rs.getBoolean("active_sub"),
                CookieState.valueOf(rs.getString("state")),
                rs.getString("last_error"),
                rs.getObject("last_error_at", Long.class),
                rs.getObject("last_refresh_at", Long.class),
                rs.getObject("cooldown_until", Long.class),
                rs.getLong("create_time"),
                rs.getLong("state_version"));
    }
}
