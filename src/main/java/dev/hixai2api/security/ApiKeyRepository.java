package dev.hixai2api.security;

import java.util.List;

import dev.hixai2api.security.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * API keys of the /v1 routes. Only a SHA-256 digest and a masked hint are stored: a leaked database gives
 * no usable key.
 */
@Repository
public class ApiKeyRepository {

    public record StoredApiKey(long id, String keyHash, String keyHint, String remark, long createTime) {
    }

    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A key already stored raises DuplicateKeyException. */
    public StoredApiKey insert(String apiKey, String remark) {
        StoredApiKey key = new StoredApiKey(0, Secrets.sha256Hex(apiKey), Secrets.mask(apiKey), remark,
                System.currentTimeMillis());
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_key (key_hash, key_hint, remark, create_time) VALUES (?, ?, ?, ?)")
                .params(key.keyHash(), key.keyHint(), key.remark(), key.createTime())
                .update(keys, "id");
        return new StoredApiKey(keys.getKey().longValue(), key.keyHash(), key.keyHint(), key.remark(), key.createTime());
    }

    public List<StoredApiKey> findAll() {
        return jdbc.sql("SELECT id, key_hash, key_hint, remark, create_time FROM api_key ORDER BY id")
                .query((rs, row) -> new StoredApiKey(rs.getLong("id"), rs.getString("key_hash"),
                        rs.getString("key_hint"), rs.getString("remark"), rs.getLong("create_time")))
                .list();
    }

    public boolean updateRemark(long id, String remark) {
        return jdbc.sql("UPDATE api_key SET remark = ? WHERE id = ?").params(remark, id).update() > 0;
    }

    public boolean update(long id, String apiKey, String remark) {
        return jdbc.sql("UPDATE api_key SET key_hash = ?, key_hint = ?, remark = ? WHERE id = ?")
                .params(Secrets.sha256Hex(apiKey), Secrets.mask(apiKey), remark, id)
                .update() > 0;
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM api_key WHERE id = ?").param(id).update() > 0;
    }
}
