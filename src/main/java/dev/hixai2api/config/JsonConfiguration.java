package dev.hixai2api.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's ObjectMapper reads a request body whole, so one string in it (a file as a base64 data URI)
 * may be as long as MAX_BODY_SIZE lets through: Jackson's default cap of 20,000,000 chars would refuse a 20 MB
 * file (27,962,028 chars as base64) although the body limit and ATTACHMENT_MAX_SIZE allow it.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer stringsAsLongAsTheBodyLimit(GatewayProperties properties) {
        int maxStringLength = (int) Math.min(Integer.MAX_VALUE,
                Math.max(StreamReadConstraints.DEFAULT_MAX_STRING_LEN, properties.maxBodySize().toBytes()));
        StreamReadConstraints constraints = StreamReadConstraints.builder().maxStringLength(maxStringLength).build();
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(constraints));
    }
}
