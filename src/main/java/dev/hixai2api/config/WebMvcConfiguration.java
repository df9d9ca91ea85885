package dev.hixai2api.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC only dispatches to Camel's platform-http handlers and the actuator here, and no handler method
 * takes a constrained argument. With jakarta.validation on the class path (it comes with the OpenAPI support)
 * Spring MVC would still set up method validation on every request: a search for {@code @Validated} groups on
 * the handler method, which platform-http builds anew per request, about 2.5 % of the gateway's CPU per request
 * (docs/benchmark.md). A validator that validates nothing keeps Spring MVC from building it.
 */
@Configuration(proxyBeanMethods = false)
public class WebMvcConfiguration implements WebMvcConfigurer {

    @Override
    public Validator getValidator() {
        return NoValidation.INSTANCE;
    }

    /** Supports no type, so data binding never calls it. */
    enum NoValidation implements Validator {
        INSTANCE;

        @Override
        public boolean supports(Class<?> type) {
            return false;
        }

        @Override
        public void validate(Object target, Errors errors) {
            // nothing is ever validated: supports() is false for every type
        }
    }
}
