package dev.hixai2api.tools;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.ToolChoice;
import dev.hixai2api.core.ToolDefinition;
import dev.hixai2api.core.Tools;

/**
 * Judges the calls of an answer against the tools offered: each names an offered tool and its arguments meet that
 * tool's schema, and the answer honours tool_choice. Valid calls get the engine's ids ({@code call_} and 24 random
 * letters and digits). Without {@link Tools#parallel()} only the first call counts.
 */
public final class ToolCallCheck {

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Tools tools;
    private final Map<String, JsonSchemaCheck> schemas = new LinkedHashMap<>();

    /** @throws IllegalArgumentException when a tool's schema is unusable (the doors refuse those first) */
    public ToolCallCheck(Tools tools) {
        this.tools = tools;
        for (ToolDefinition tool : tools.definitions()) {
            schemas.put(tool.name(), JsonSchemaCheck.of(tool.parameters()));
        }
    }

    /**
     * @param calls    the answer's calls in order, with ids; empty when it has problems
     * @param problems what the model must correct, one readable line each; empty when the answer is usable
     */
    public record Verdict(String text, List<ToolCall> calls, List<String> problems) {

        public Verdict {
            calls = List.copyOf(calls);
            problems = List.copyOf(problems);
        }
    }

    public Verdict check(ToolCallParser.Parsed parsed) {
        List<ToolCallParser.Block> blocks = tools.parallel() || parsed.blocks().isEmpty()
                ? parsed.blocks() : parsed.blocks().subList(0, 1);
        List<String> problems = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            ToolCallParser.Block block = blocks.get(i);
            String where = "call " + (i + 1) + ": ";
            if (block.problem() != null) {
                problems.add(block.problem());
            } else if (!schemas.containsKey(block.name())) {
                problems.add(where + "there is no tool \"" + block.name() + "\"; the tools are "
                        + String.join(", ", ToolPrompt.names(tools)));
            } else {
                List<String> wrong = schemas.get(block.name()).problems(block.arguments());
                wrong.forEach(problem -> problems.add(where + "arguments of \"" + block.name() + "\": " + problem));
                calls.add(new ToolCall(newId(), block.name(), block.arguments().toString()));
            }
        }
        problems.addAll(choiceProblems(calls, blocks.isEmpty()));
        return problems.isEmpty() ? new Verdict(parsed.text(), calls, List.of())
                : new Verdict(parsed.text(), List.of(), problems);
    }

    private List<String> choiceProblems(List<ToolCall> calls, boolean noBlocks) {
        ToolChoice choice = tools.choice();
        if (choice.mode() == ToolChoice.Mode.REQUIRED && noBlocks) {
            return List.of("you must call at least one of the tools " + String.join(", ", ToolPrompt.names(tools))
                    + " in this answer, but the answer has no " + ToolPrompt.OPEN_TAG + " block");
        }
        if (choice.mode() == ToolChoice.Mode.NAMED && (noBlocks
                || calls.stream().anyMatch(call -> !call.name().equals(choice.name())))) {
            return List.of("you must call the tool \"" + choice.name() + "\" (and only it) in this answer");
        }
        return List.of();
    }

    /** {@code call_} and 24 random letters and digits, as the engine issues call ids. */
    public static String newId() {
        StringBuilder id = new StringBuilder("call_");
        for (int i = 0; i < 24; i++) {
            id.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }
}
