package dev.hixai2api.openai;

import java.lang.management.ManagementFactory;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.hix.ModelRegistry;
import dev.hixai2api.pool.CookiePool;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The {@code /v1/models} list: every registry model that at least one stored cookie can pay for now. */
@Component
public class OpenAiModelList implements Processor {

    private static final long STARTED = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000;

    private final CookiePool pool;
    private final ObjectMapper mapper;

    public OpenAiModelList(CookiePool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<Model> models = pool.servable(ModelRegistry.all()).stream()
                .map(m -> new Model(m.name(), "model", STARTED, "hixai"))
                .toList();
        exchange.getMessage().setBody(mapper.writeValueAsBytes(new ModelList("list", models)));
    }

    public record ModelList(String object, List<Model> data) {
    }

    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }
}
