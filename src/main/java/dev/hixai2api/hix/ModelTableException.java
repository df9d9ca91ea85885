package dev.hixai2api.hix;

import java.util.List;

/**
 * The model table or MODEL_MAPPING cannot be used: the start stops with every problem found, each naming the file
 * (or the setting), the line and the column.
 */
public class ModelTableException extends IllegalStateException {

    private final List<String> problems;

    public ModelTableException(List<String> problems) {
        super("The model table cannot be loaded:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** "models.yaml line 3, column 5": lines and columns counted from 1. */
    static String at(String source, int line, int column) {
        return source + " line " + line + ", column " + column;
    }

    /** Throws when problems were found. */
    static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ModelTableException(problems);
        }
    }
}
