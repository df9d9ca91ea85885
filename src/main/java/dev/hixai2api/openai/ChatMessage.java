package dev.hixai2api.openai;

/** One message of a chat request, its content reduced to text. */
public record ChatMessage(String role, String text) {

    public boolean isSystem() {
        return "system".equals(role) || "developer".equals(role);
    }
}
