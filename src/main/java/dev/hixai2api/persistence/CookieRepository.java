package dev.hixai2api.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.hixai2api.hix.Credits;
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
 */
@Repository
public class CookieRepository {

    private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

    private static final String COLUMNS = "id, token, remark, credit, advanced_credit, active_sub, state, "
            + "last_error, last_error_at, last_refresh_at, cooldown_until, create_time";

    private final JdbcClient jdbc;
    private volatile Cached cached;

    private record Cached(List<HixCookie> cookies, long loadedAt) {
    }

    public CookieRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Forgets the cached list: the next read goes to the database. */
    public void invalidate() {
        cached = null;
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
        if (current == null || System.nanoTime() - current.loadedAt() > CACHE_NANOS) {
            current = new Cached(List.copyOf(jdbc.sql("SELECT " + COLUMNS + " FROM hix_cookie ORDER BY id")
                    .query(CookieRepository::map).list()), System.nanoTime());
            cached = current;
        }
        return current.cookies();
    }

    public Optional<HixCookie> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hix_cookie WHERE id = ?").param(id)
                .query(CookieRepository::map).optional();
    }

    /** Fresh credits revive a cookie that was disabled, out of credit or cooling down. */
    public void updateCredits(long id, Credits credits) {
        jdbc.sql("UPDATE hix_cookie SET credit = ?, advanced_credit = ?, active_sub = ?, state = ?, "
                        + "last_refresh_at = ?, cooldown_until = NULL WHERE id = ?")
                .params(credits.standard(), credits.advanced(), credits.activeSub(), CookieState.ACTIVE.name(),
                        System.currentTimeMillis(), id)
                .update();
        invalidate();
    }

    /** A transient failure: the cookie stays active but is skipped until {@code until}. */
    public void coolDown(long id, long until, String reason) {
        jdbc.sql("UPDATE hix_cookie SET cooldown_until = ?, last_error = ?, last_error_at = ? WHERE id = ?")
                .params(until, truncate(reason), System.currentTimeMillis(), id)
                .update();
        invalidate();
    }

    public void markFailure(long id, CookieState state, String reason) {
        jdbc.sql("UPDATE hix_cookie SET state = ?, last_error = ?, last_error_at = ? WHERE id = ?")
                .params(state.name(), truncate(reason), System.currentTimeMillis(), id)
                .update();
        invalidate();
    }

    public boolean exists(String token) {
        return jdbc.sql("SELECT COUNT(*) FROM hix_cookie WHERE token_hash = ?").param(Secrets.sha256Hex(token))
                .query(Integer.class).single() > 0;
    }

    /** A re-checked token replaces the old one, and its credits revive the cookie. */
    public boolean replaceToken(long id, String token, String remark, Credits credits) {
        boolean replaced = jdbc.sql("UPDATE hix_cookie SET token = ?, token_hash = ?, remark = ?, credit = ?, advanced_credit = ?, "
                        + "active_sub = ?, state = ?, last_refresh_at = ?, cooldown_until = NULL WHERE id = ?")
                .params(token, Secrets.sha256Hex(token), remark, credits.standard(), credits.advanced(),
                        credits.activeSub(), CookieState.ACTIVE.name(), System.currentTimeMillis(), id)
                .update() > 0;
        invalidate();
        return replaced;
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
                rs.getLong("create_time"));
    }
}
