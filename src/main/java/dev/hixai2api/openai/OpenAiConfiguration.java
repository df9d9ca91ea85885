package dev.hixai2api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.chat.PreMessages;
import dev.hixai2api.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAI request parser, and PRE_MESSAGES_JSON, whose messages are written as OpenAI chat messages. */
@Configuration(proxyBeanMethods = false)
public class OpenAiConfiguration {

    @Bean
    public ChatCompletionRequestParser chatCompletionRequestParser(ObjectMapper mapper) {
        return new ChatCompletionRequestParser(mapper);
    }

    @Bean
    public PreMessages preMessages(ChatCompletionRequestParser parser, GatewayProperties properties) {
        return new PreMessages(parser.preMessages(properties.preMessagesJson()));
    }
}
