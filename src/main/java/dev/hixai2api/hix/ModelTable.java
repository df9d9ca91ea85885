package dev.hixai2api.hix;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One models file (models.yaml): its model rows and the names of its {@code remove} list, each with the place it
 * stands in the file for error messages. Read from SnakeYAML's node tree, which keeps the line and column of
 * every value; no object is built from the file's own tags.
 */
record ModelTable(List<Row> rows, List<Entry> removals) {

    static final ModelTable EMPTY = new ModelTable(List.of(), List.of());

    private static final List<String> SECTIONS = List.of("models", "remove");
    private static final List<String> FIELDS = List.of("name", "botId", "type", "credit", "maxInputChars", "reasoning");
    private static final Pattern NAME = Pattern.compile("\\S+");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
    private static final int SHOWN_CHARS = 40;

    /** A model and where its row starts. */
    record Row(HixModel model, String where) {
    }

    /** A name of the remove list and where it stands. */
    record Entry(String name, String where) {
    }

    static ModelTable read(Path file) {
        try (Reader text = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), text);
        } catch (IOException e) {
            throw new ModelTableException(List.of(file + ": cannot be read (" + e.getMessage() + ")"));
        }
    }

    /** @param source the file as messages name it */
    static ModelTable read(String source, Reader text) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String place = mark == null ? source
                    : ModelTableException.at(source, mark.getLine() + 1, mark.getColumn() + 1);
            throw new ModelTableException(List.of(place + ": not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new ModelTableException(List.of(source + ": not valid YAML: " + e.getMessage()));
        }
        Reading reading = new Reading(source);
        ModelTable table = reading.table(root);
        ModelTableException.throwIfAny(reading.problems);
        return table;
    }

    /**
     * The packaged table changed by an override: its rows are added, or put in place of the packaged row of the
     * same name (whole rows: every field is the override's); the names of its remove list are dropped.
     */
    static List<Row> merge(ModelTable packaged, ModelTable override) {
        List<String> problems = new ArrayList<>();
        Map<String, Row> rows = new LinkedHashMap<>();
        packaged.rows().forEach(row -> rows.put(row.model().name(), row));
        Set<String> defined = new HashSet<>();
        override.rows().forEach(row -> defined.add(row.model().name()));
        for (Entry removal : override.removals()) {
            if (defined.contains(removal.name())) {
                problems.add(removal.where() + ": `" + removal.name() + "` is both removed and defined in this file");
            } else if (rows.remove(removal.name()) == null) {
                problems.add(removal.where() + ": `" + removal.name() + "` is not a packaged model: nothing to remove");
            }
        }
        override.rows().forEach(row -> rows.put(row.model().name(), row));
        Map<Integer, Row> byBotId = new HashMap<>();
        for (Row row : rows.values()) {
            Row first = byBotId.putIfAbsent(row.model().botId(), row);
            if (first != null) {
                problems.add(row.where() + ": botId " + row.model().botId() + " of `" + row.model().name()
                        + "` is already the bot of `" + first.model().name() + "` (" + first.where()
                        + "); a second name for a model is an alias (MODEL_MAPPING)");
            }
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("the model table has no model left");
        }
        ModelTableException.throwIfAny(problems);
        return List.copyOf(rows.values());
    }

    /** One file's walk: every problem is collected, so one start names them all. */
    private static final class Reading {

        private final String source;
        private final List<String> problems = new ArrayList<>();

        Reading(String source) {
            this.source = source;
        }

        ModelTable table(Node root) {
            if (root == null || isNull(root)) {
                return EMPTY;
            }
            if (!(root instanceof MappingNode top)) {
                problem(root, "the file must be a mapping with a `models` list (and, in an override, a `remove` list)");
                return EMPTY;
            }
            Map<String, Node> sections = fields(top, SECTIONS, "top-level key");
            List<Row> rows = list(sections.get("models"), "models").stream().map(this::row)
                    .filter(Objects::nonNull).toList();
            Map<String, Row> byName = new HashMap<>();
            for (Row row : rows) {
                Row first = byName.putIfAbsent(row.model().name(), row);
                if (first != null) {
                    problems.add(row.where() + ": a second row for `" + row.model().name() + "` (the first is at "
                            + first.where() + ")");
                }
            }
            List<Entry> removals = new ArrayList<>();
            Set<String> removed = new HashSet<>();
            for (Node node : list(sections.get("remove"), "remove")) {
                String name = name(node, "a name of `remove`");
                if (name != null && !removed.add(name)) {
                    problem(node, "`" + name + "` is removed twice");
                } else if (name != null) {
                    removals.add(new Entry(name, where(node)));
                }
            }
            return new ModelTable(rows, removals);
        }

        private Row row(Node node) {
            if (!(node instanceof MappingNode mapping)) {
                problem(node, "a model row is a mapping: {name: …, botId: …, type: …, credit: …, maxInputChars: …}"
                        + shown(node));
                return null;
            }
            int before = problems.size();
            Map<String, Node> fields = fields(mapping, FIELDS, "field");
            String name = name(required(mapping, fields, "name"), "`name`");
            Integer botId = number(required(mapping, fields, "botId"), "botId", 1);
            ModelType type = type(required(mapping, fields, "type"));
            Integer credit = number(required(mapping, fields, "credit"), "credit", 0);
            Integer maxInputChars = number(required(mapping, fields, "maxInputChars"), "maxInputChars", 1);
            boolean reasoning = reasoning(fields.get("reasoning"));
            if (problems.size() > before) {
                return null;
            }
            return new Row(new HixModel(name, botId, type, credit, maxInputChars, reasoning), where(mapping));
        }

        /** The mapping's keys, each one of the known ones and given once. */
        private Map<String, Node> fields(MappingNode mapping, List<String> known, String what) {
            Map<String, Node> fields = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                String name = key instanceof ScalarNode scalar ? scalar.getValue() : null;
                if (name == null || !known.contains(name)) {
                    problem(key, "unknown " + what + (name == null ? "" : " `" + name + "`") + " (known: "
                            + String.join(", ", known) + ")");
                } else if (fields.putIfAbsent(name, tuple.getValueNode()) != null) {
                    problem(key, "`" + name + "` is given twice");
                }
            }
            return fields;
        }

        private Node required(MappingNode row, Map<String, Node> fields, String field) {
            Node node = fields.get(field);
            if (node == null) {
                problem(row, "the row has no `" + field + "`");
            }
            return node;
        }

        private List<Node> list(Node node, String section) {
            if (node == null || isNull(node)) {
                return List.of();
            }
            if (node instanceof SequenceNode sequence) {
                return sequence.getValue();
            }
            problem(node, "`" + section + "` must be a list (one `- ` item per entry)" + shown(node));
            return List.of();
        }

        private String name(Node node, String what) {
            if (node == null) {
                return null;
            }
            if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)
                    && NAME.matcher(scalar.getValue()).matches()) {
                return scalar.getValue();
            }
            problem(node, what + " must be a model name: text without spaces (quote a name YAML would read as a "
                    + "number or true/false)" + shown(node));
            return null;
        }

        private Integer number(Node node, String field, int min) {
            if (node == null) {
                return null;
            }
            if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)
                    && DIGITS.matcher(scalar.getValue()).matches() && Integer.parseInt(scalar.getValue()) >= min) {
                return Integer.parseInt(scalar.getValue());
            }
            problem(node, "`" + field + "` must be a whole number from " + min + " to 999999999" + shown(node));
            return null;
        }

        private ModelType type(Node node) {
            if (node == null) {
                return null;
            }
            if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
                switch (scalar.getValue().toLowerCase(Locale.ROOT)) {
                    case "standard":
                        return ModelType.STANDARD;
                    case "advanced":
                        return ModelType.ADVANCED;
                    default:
                        break;
                }
            }
            problem(node, "`type` must be standard or advanced" + shown(node));
            return null;
        }

        private boolean reasoning(Node node) {
            if (node == null) {
                return false;
            }
            if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)
                    && (scalar.getValue().equalsIgnoreCase("true") || scalar.getValue().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(scalar.getValue());
            }
            problem(node, "`reasoning` must be true or false" + shown(node));
            return false;
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
        }

        private static String shown(Node node) {
            if (node instanceof ScalarNode scalar) {
                String value = scalar.getValue();
                return ", not `" + (value.length() <= SHOWN_CHARS ? value : value.substring(0, SHOWN_CHARS) + "…")
                        + "`";
            }
            return node instanceof SequenceNode ? ", not a list" : ", not a mapping";
        }

        private void problem(Node node, String problem) {
            problems.add(where(node) + ": " + problem);
        }

        private String where(Node node) {
            Mark mark = node.getStartMark();
            return ModelTableException.at(source, mark.getLine() + 1, mark.getColumn() + 1);
        }
    }
}
