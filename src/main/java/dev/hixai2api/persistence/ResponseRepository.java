package dev.hixai2api.persistence;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored Responses API answers: their Response object and the conversation up to and including them, as JSON. */
@Repository
public class ResponseRepository {

    private final JdbcClient jdbc;

    public ResponseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param tenant the digest of the API key that asked ("" when the gateway has no keys) */
    public void insert(String id, String tenant, String model, String historyJson, String responseJson) {
        jdbc.sql("INSERT INTO stored_response (id, tenant, model, history, response, create_time) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, tenant, model, historyJson, responseJson, System.currentTimeMillis())
                .update();
    }

    public record StoredResponse(String historyJson, String responseJson) {
    }

    /** The response with this id, if this tenant stored it: another tenant's is as unknown as a missing one. */
    public Optional<StoredResponse> find(String id, String tenant) {
        return jdbc.sql("SELECT history, response FROM stored_response WHERE id = ? AND tenant = ?")
                .params(id, tenant)
                .query((rs, row) -> new StoredResponse(rs.getString("history"), rs.getString("response")))
                .optional();
    }

    /** @return how many were deleted */
    public int deleteCreatedBefore(long epochMillis) {
        return jdbc.sql("DELETE FROM stored_response WHERE create_time < ?").param(epochMillis).update();
    }
}
