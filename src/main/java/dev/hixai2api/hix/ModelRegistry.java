package dev.hixai2api.hix;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The models the gateway serves, read once at start-up: the table packaged in the jar (models.yaml) as the
 * operator's models file changes it, and the aliases of MODEL_MAPPING. Every name a request may send (a model or
 * an alias, bare or with a search suffix) is resolved here ahead, so a request costs one map lookup.
 */
public final class ModelRegistry {

    /** The packaged table, a resource at the root of the jar. */
    static final String PACKAGED = "models.yaml";

    private static final String[][] SUFFIXES = {{"-search", "internet"}, {"-news", "news"}, {"-academic", "academic"}};

    private final List<HixModel> models;
    private final Map<String, HixModel> aliases;
    private final Map<String, ModelSelection> selections;

    private ModelRegistry(List<HixModel> models, Map<String, HixModel> aliases,
                          Map<String, ModelSelection> selections) {
        this.models = models;
        this.aliases = aliases;
        this.selections = selections;
    }

    /** The packaged table alone: no override file, no alias. */
    public static ModelRegistry packaged() {
        return of(ModelTable.merge(packagedTable(), ModelTable.EMPTY), ModelMapping.NONE);
    }

    /**
     * The packaged table changed by the override file, if any, with the aliases of MODEL_MAPPING.
     *
     * @throws ModelTableException naming every problem with its file (or MODEL_MAPPING), line and column
     */
    public static ModelRegistry load(Optional<Path> overrideFile, String modelMapping) {
        ModelTable override = overrideFile.map(ModelTable::read).orElse(ModelTable.EMPTY);
        return of(ModelTable.merge(packagedTable(), override), ModelMapping.parse(modelMapping));
    }

    /** The models, in the table's order. */
    public List<HixModel> all() {
        return models;
    }

    /** Alias → the model that answers it, in MODEL_MAPPING's order. */
    public Map<String, HixModel> aliases() {
        return aliases;
    }

    /** The model and search mode a requested name stands for; empty for a name the gateway does not serve. */
    public Optional<ModelSelection> select(String requestedName) {
        return Optional.ofNullable(selections.get(requestedName));
    }

    static ModelRegistry of(List<ModelTable.Row> rows, ModelMapping mapping) {
        List<String> problems = new ArrayList<>();
        Map<String, ModelTable.Row> byName = new HashMap<>();
        rows.forEach(row -> byName.put(row.model().name(), row));
        Set<String> aliasNames = new HashSet<>();
        mapping.aliases().forEach(alias -> aliasNames.add(alias.alias()));
        Map<String, HixModel> aliases = new LinkedHashMap<>();
        Names names = new Names(problems);
        rows.forEach(row -> names.add(row.model().name(), row.model(),
                "the model `" + row.model().name() + "`", row.where()));
        for (ModelMapping.Alias alias : mapping.aliases()) {
            ModelTable.Row shadowed = byName.get(alias.alias());
            ModelTable.Row target = byName.get(alias.target());
            String entry = "`" + alias.alias() + "` → `" + alias.target() + "`";
            if (shadowed != null) {
                problems.add(alias.where() + ": the alias `" + alias.alias() + "` shadows the model of that name ("
                        + shadowed.where() + "); choose another alias, or remove the model");
            } else if (aliasNames.contains(alias.target())) {
                problems.add(alias.where() + ": " + entry + " is a chain: `" + alias.target()
                        + "` is an alias itself; map `" + alias.alias() + "` straight to a model");
            } else if (target == null) {
                problems.add(alias.where() + ": " + entry + ": the model table has no model `" + alias.target()
                        + "` (a target is a model name, without search suffix)");
            } else {
                aliases.put(alias.alias(), target.model());
                names.add(alias.alias(), target.model(), "the alias " + entry, alias.where());
            }
        }
        ModelTableException.throwIfAny(problems);
        return new ModelRegistry(rows.stream().map(ModelTable.Row::model).toList(),
                Collections.unmodifiableMap(aliases), names.selections);
    }

    private static ModelTable packagedTable() {
        InputStream in = ModelRegistry.class.getResourceAsStream("/" + PACKAGED);
        if (in == null) {
            throw new IllegalStateException(PACKAGED + " is missing from the classpath: the jar is incomplete");
        }
        try (Reader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return ModelTable.read("classpath:" + PACKAGED, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every name a request may send; a name two entries would claim (e.g. a model `x-news` and `x`) is refused. */
    private static final class Names {

        private final Map<String, ModelSelection> selections = new HashMap<>();
        private final Map<String, String> owners = new HashMap<>();
        private final List<String> problems;

        Names(List<String> problems) {
            this.problems = problems;
        }

        void add(String name, HixModel model, String owner, String where) {
            add(new ModelSelection(name, model, null), owner + " (" + where + ")", where);
            for (String[] suffix : SUFFIXES) {
                add(new ModelSelection(name + suffix[0], model, suffix[1]),
                        owner + " with " + suffix[1] + " search (" + where + ")", where);
            }
        }

        private void add(ModelSelection selection, String meaning, String where) {
            String earlier = owners.putIfAbsent(selection.requestedName(), meaning);
            if (earlier == null) {
                selections.put(selection.requestedName(), selection);
            } else {
                problems.add(where + ": `" + selection.requestedName() + "` would name both " + earlier + " and "
                        + meaning + "; rename one");
            }
        }
    }
}
