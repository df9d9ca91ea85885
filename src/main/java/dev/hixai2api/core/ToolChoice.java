package dev.hixai2api.core;

/**
 * Whether and which tool the model must call.
 *
 * @param name the function a {@link Mode#NAMED} choice names; null otherwise
 */
public record ToolChoice(Mode mode, String name) {

    public enum Mode {
        /** The model decides. */
        AUTO,
        /** The model must not call a tool (the tools still describe what earlier calls were). */
        NONE,
        /** The model must call at least one tool. */
        REQUIRED,
        /** The model must call the tool {@link #name()}. */
        NAMED
    }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

    public static ToolChoice named(String name) {
        return new ToolChoice(Mode.NAMED, name);
    }
}
