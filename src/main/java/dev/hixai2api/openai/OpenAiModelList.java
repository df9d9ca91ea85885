package dev.hixai2api.openai;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.hix.HixModel;
import dev.hixai2api.hix.ModelRegistry;
import dev.hixai2api.pool.CookiePool;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The {@code /v1/models} list: every model of the table that at least one stored cookie can pay for now, then
 * every MODEL_MAPPING alias of such a model.
 */
@Component
public class OpenAiModelList implements Processor {

    private static final long STARTED = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000;

    private final CookiePool pool;
    private final ModelRegistry models;
    private final ObjectMapper mapper;

    public OpenAiModelList(CookiePool pool, ModelRegistry models, ObjectMapper mapper) {
        this.pool = pool;
        this.models = models;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<HixModel> servable = pool.servable(models.all());
        Set<HixModel> payable = new HashSet<>(servable);
        Stream<String> aliases = models.aliases().entrySet().stream()
                .filter(alias -> payable.contains(alias.getValue())).map(Map.Entry::getKey);
        List<Model> listed = Stream.concat(servable.stream().map(HixModel::name), aliases)
                .map(name -> new Model(name, "model", STARTED, "hixai"))
                .toList();
        exchange.getMessage().setBody(mapper.writeValueAsBytes(new ModelList("list", listed)));
    }

    public record ModelList(String object, List<Model> data) {
    }

    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }
}
