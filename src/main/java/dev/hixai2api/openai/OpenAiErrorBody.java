package dev.hixai2api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The OpenAI error shape {@code {"error":{"message","type","param","code"}}}; null fields are kept. */
public record OpenAiErrorBody(Detail error) {

    public static OpenAiErrorBody of(String type, String code, String param, String message) {
        return new OpenAiErrorBody(new Detail(message, type, param, code));
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(String message, String type, String param, String code) {
    }
}
