package dev.hixai2api.hix;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pure protocol piece, shared as a singleton with the application's ObjectMapper. */
@Configuration(proxyBeanMethods = false)
public class HixConfiguration {

    @Bean
    public HixAdaptor hixAdaptor(ObjectMapper mapper) {
        return new HixAdaptor(mapper);
    }
}
