package dev.hixai2api.anthropic;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Anthropic's error shape as the OpenAPI document shows it (the door writes it with
 * {@link AnthropicMessagesDoor#error}). A class of its own: the REST DSL resolves a response model by its
 * canonical name, which a nested class does not load by.
 */
@Schema(description = "Anthropic's error shape")
public record AnthropicErrorBody(
        @Schema(allowableValues = "error") String type,
        AnthropicErrorDetail error) {

    public record AnthropicErrorDetail(
            @Schema(description = "invalid_request_error, authentication_error, permission_error, not_found_error, "
                    + "request_too_large, rate_limit_error, api_error, overloaded_error …") String type,
            String message) {
    }
}
