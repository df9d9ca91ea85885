package dev.hixai2api.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway's three front doors as their clients speak them: how a request is written and how the answer text,
 * its stop reason and the end of a stream are read. The engine behind them is one, so one test runs through all.
 */
enum Door {

    OPENAI_CHAT("/v1/chat/completions", "openai-chat", "stop", "length") {
        @Override
        ObjectNode request(List<Turn> history, String imageDataUri, Integer maxTokens) {
            ObjectNode body = JSON.createObjectNode();
            if (maxTokens != null) {
                body.put("max_completion_tokens", maxTokens);
            }
            messages(body.putArray("messages"), history, imageDataUri, "text", (content, dataUri) -> {
                content.addObject().put("type", "image_url").putObject("image_url").put("url", dataUri);
            });
            return body;
        }

        @Override
        String text(JsonNode answer) {
            return answer.at("/choices/0/message/content").asText();
        }

        @Override
        String reason(JsonNode answer) {
            return answer.at("/choices/0/finish_reason").asText();
        }

        @Override
        int outputTokens(JsonNode answer) {
            return answer.at("/usage/completion_tokens").asInt();
        }

        @Override
        Streamed read(List<String> lines) {
            StringBuilder text = new StringBuilder();
            String reason = null;
            List<String> data = data(lines);
            for (String event : data) {
                if (event.startsWith("{")) {
                    JsonNode chunk = json(event);
                    text.append(chunk.at("/choices/0/delta/content").asText());
                    if (chunk.at("/choices/0/finish_reason").isTextual()) {
                        reason = chunk.at("/choices/0/finish_reason").asText();
                    }
                }
            }
            return new Streamed(text.toString(), reason, !data.isEmpty() && data.get(data.size() - 1).equals("[DONE]"));
        }
    },

    ANTHROPIC_MESSAGES("/v1/messages", "anthropic-messages", "end_turn", "max_tokens") {
        @Override
        ObjectNode request(List<Turn> history, String imageDataUri, Integer maxTokens) {
            // max_tokens is required by the Messages API
            ObjectNode body = JSON.createObjectNode().put("max_tokens", maxTokens == null ? 1024 : maxTokens);
            messages(body.putArray("messages"), history, imageDataUri, "text", (content, dataUri) -> {
                int comma = dataUri.indexOf(',');
                content.addObject().put("type", "image").putObject("source").put("type", "base64")
                        .put("media_type", dataUri.substring(5, dataUri.indexOf(';')))
                        .put("data", dataUri.substring(comma + 1));
            });
            return body;
        }

        @Override
        String text(JsonNode answer) {
            return answer.at("/content/0/text").asText();
        }

        @Override
        String reason(JsonNode answer) {
            return answer.get("stop_reason").asText();
        }

        @Override
        Streamed read(List<String> lines) {
            StringBuilder text = new StringBuilder();
            String reason = null;
            String last = null;
            for (String event : data(lines)) {
                JsonNode data = json(event);
                last = data.get("type").asText();
                if (last.equals("content_block_delta")) {
                    text.append(data.at("/delta/text").asText());
                } else if (last.equals("message_delta")) {
                    reason = data.at("/delta/stop_reason").asText();
                }
            }
            return new Streamed(text.toString(), reason, "message_stop".equals(last));
        }
    },

    OPENAI_RESPONSES("/v1/responses", "openai-responses", "completed", "max_output_tokens") {
        @Override
        ObjectNode request(List<Turn> history, String imageDataUri, Integer maxTokens) {
            ObjectNode body = JSON.createObjectNode();
            if (maxTokens != null) {
                body.put("max_output_tokens", maxTokens);
            }
            messages(body.putArray("input"), history, imageDataUri, "input_text", (content, dataUri) -> {
                content.addObject().put("type", "input_image").put("image_url", dataUri);
            });
            return body;
        }

        @Override
        String text(JsonNode answer) {
            return answer.at("/output/0/content/0/text").asText();
        }

        /** A cut answer is {@code incomplete} and says why; a whole one is {@code completed}. */
        @Override
        String reason(JsonNode answer) {
            return answer.get("status").asText().equals("incomplete")
                    ? answer.at("/incomplete_details/reason").asText() : answer.get("status").asText();
        }

        @Override
        Streamed read(List<String> lines) {
            StringBuilder text = new StringBuilder();
            JsonNode last = null;
            for (String event : data(lines)) {
                last = json(event);
                if (last.get("type").asText().equals("response.output_text.delta")) {
                    text.append(last.get("delta").asText());
                }
            }
            boolean ended = last != null && last.get("type").asText().equals("response.completed");
            return new Streamed(text.toString(), last == null ? null : reason(last.get("response")), ended);
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    final String path;
    /** The name the hook routes see in {@code ${variable.frontDoor}}. */
    final String name;
    final String endReason;
    /** The reason given when the max-output-token limit cut the answer. */
    final String lengthReason;

    Door(String path, String name, String endReason, String lengthReason) {
        this.path = path;
        this.name = name;
        this.endReason = endReason;
        this.lengthReason = lengthReason;
    }

    /** One message of the conversation so far. */
    record Turn(String role, String text) {
    }

    /** What a stream client collected: the text, the stop reason and whether the door's last event arrived. */
    record Streamed(String text, String reason, boolean ended) {
    }

    /** A request body: the history as this door's messages, the image on the last one, max tokens if not null. */
    abstract ObjectNode request(List<Turn> history, String imageDataUri, Integer maxTokens);

    abstract String text(JsonNode answer);

    abstract String reason(JsonNode answer);

    /** The answer's output tokens as its usage reports them. */
    int outputTokens(JsonNode answer) {
        return answer.at("/usage/output_tokens").asInt();
    }

    /** Reads the lines of a whole stream. */
    abstract Streamed read(List<String> lines);

    String body(String model, boolean stream, List<Turn> history, String imageDataUri, Integer maxTokens) {
        return request(history, imageDataUri, maxTokens).put("model", model).put("stream", stream).toString();
    }

    /**
     * The history as this door's messages into {@code target}: plain text content, but the last message, when an
     * image goes with it, as a text part of {@code textType} and the part {@code imagePart} adds.
     */
    private static void messages(ArrayNode target, List<Turn> history, String imageDataUri, String textType,
                                 BiConsumer<ArrayNode, String> imagePart) {
        for (int i = 0; i < history.size(); i++) {
            Turn turn = history.get(i);
            ObjectNode message = target.addObject().put("role", turn.role());
            if (imageDataUri != null && i == history.size() - 1) {
                ArrayNode content = message.putArray("content");
                content.addObject().put("type", textType).put("text", turn.text());
                imagePart.accept(content, imageDataUri);
            } else {
                message.put("content", turn.text());
            }
        }
    }

    /** The data of every server-sent event; comment lines and event names are skipped. */
    private static List<String> data(List<String> lines) {
        List<String> data = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("data: ")) {
                data.add(line.substring(6));
            }
        }
        return data;
    }

    private static JsonNode json(String text) {
        return GatewayTestSupport.json(text);
    }
}
