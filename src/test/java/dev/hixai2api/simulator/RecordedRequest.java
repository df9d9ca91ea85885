package dev.hixai2api.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One request as the simulator received it. Header names are lower-case; query is raw (may be null). */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
