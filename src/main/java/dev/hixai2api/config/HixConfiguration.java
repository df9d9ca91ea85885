package dev.hixai2api.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.hix.HixAdaptor;
import dev.hixai2api.openai.ChatCompletionRequestParser;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pure protocol pieces, shared as singletons with the application's ObjectMapper. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class HixConfiguration {

    @Bean
    public HixAdaptor hixAdaptor(ObjectMapper mapper) {
        return new HixAdaptor(mapper);
    }

    @Bean
    public ChatCompletionRequestParser chatCompletionRequestParser(ObjectMapper mapper) {
        return new ChatCompletionRequestParser(mapper);
    }
}
