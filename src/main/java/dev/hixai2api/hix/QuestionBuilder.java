package dev.hixai2api.hix;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;

/**
 * Folds an OpenAI conversation into the single {@code question} a new HixAI chat receives, so no context is
 * lost: system messages first, then the earlier turns, then the newest message, each as a {@code Role: text}
 * block separated by a blank line (a tool result, already written out by the engine, without a label). A lone
 * user message goes as it is. When the fold exceeds the model's input limit the oldest turns are dropped first;
 * system messages and the newest message are always kept.
 */
public final class QuestionBuilder {

    /** Reasoning a client kept in an assistant turn is not part of what was said. */
    private static final Pattern THINK_BLOCK = Pattern.compile("(?s)^\\s*<think>.*?</think>\\s*");
    private static final String SEPARATOR = "\n\n";
    static final String ATTACHMENT_ONLY = "(see the attached file)";

    /** @param droppedTurns how many of the oldest turns did not fit the model's input limit */
    public record Question(String text, int droppedTurns) {
    }

    private QuestionBuilder() {
    }

    /**
     * @param messages    the request's messages
     * @param preMessages PRE_MESSAGES_JSON, inserted after the last system message
     */
    public static Question build(List<ChatMessage> messages, List<ChatMessage> preMessages, HixModel model) {
        List<ChatMessage> all = withPreMessages(messages, preMessages);
        List<String> system = new ArrayList<>();
        List<String> turns = new ArrayList<>();
        ChatMessage newest = null;
        for (ChatMessage message : all) {
            String text = clean(message);
            if (text.isEmpty()) {
                continue;
            }
            if (message.isSystem()) {
                system.add(block(message.role(), text));
            } else {
                turns.add(block(message.role(), text));
                newest = message;
            }
        }
        if (turns.isEmpty()) {
            throw GatewayException.invalidRequest("messages", "`messages` must contain a non-empty user message.");
        }
        if (system.isEmpty() && turns.size() == 1 && "user".equals(newest.role())) {
            String only = clean(newest);
            requireWithinLimit(only.length(), model);
            return new Question(only, 0);
        }
        int fixed = length(system) + turns.get(turns.size() - 1).length() + SEPARATOR.length() * system.size();
        requireWithinLimit(fixed, model);
        int first = 0;
        int total = length(system) + length(turns) + SEPARATOR.length() * (system.size() + turns.size() - 1);
        while (total > model.maxInputChars()) {
            total -= turns.get(first).length() + SEPARATOR.length();
            first++;
        }
        List<String> kept = new ArrayList<>(system);
        kept.addAll(turns.subList(first, turns.size()));
        return new Question(String.join(SEPARATOR, kept), first);
    }

    private static List<ChatMessage> withPreMessages(List<ChatMessage> messages, List<ChatMessage> preMessages) {
        if (preMessages.isEmpty()) {
            return messages;
        }
        int lastSystem = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).isSystem()) {
                lastSystem = i;
            }
        }
        List<ChatMessage> all = new ArrayList<>(messages.size() + preMessages.size());
        all.addAll(messages.subList(0, lastSystem + 1));
        all.addAll(preMessages);
        all.addAll(messages.subList(lastSystem + 1, messages.size()));
        return all;
    }

    private static String clean(ChatMessage message) {
        String text = message.text();
        if ("assistant".equals(message.role())) {
            text = THINK_BLOCK.matcher(text).replaceFirst("");
        }
        text = text.strip();
        // a message that is only a file still says something: HixAI receives the file with this question
        return text.isEmpty() && !message.attachments().isEmpty() ? ATTACHMENT_ONLY : text;
    }

    private static String block(String role, String text) {
        String label = switch (role) {
            case "system", "developer" -> "System";
            case "assistant" -> "Assistant";
            // the engine writes a tool result out as "Tool result (<name>, <call id>): <output>"
            case "tool" -> null;
            case "function" -> "Tool";
            default -> "User";
        };
        return label == null ? text : label + ": " + text;
    }

    private static int length(List<String> blocks) {
        return blocks.stream().mapToInt(String::length).sum();
    }

    private static void requireWithinLimit(int length, HixModel model) {
        if (length > model.maxInputChars()) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "context_length_exceeded", "messages",
                    "This model's maximum input is " + model.maxInputChars() + " characters, but your messages need "
                            + length + " characters even without earlier turns. Shorten the system or last message.");
        }
    }
}
