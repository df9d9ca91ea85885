package dev.hixai2api.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.ModelAndView;

/**
 * The REST DSL's platform-http engine, run inline on the servlet container's request thread.
 *
 * <p>Spring MVC still finds the Camel consumer of a request (its path matching, 404 and 405 stay as they were),
 * but the consumer then runs the route and writes the response on the thread that read the request. Camel's own
 * Spring Boot engine answers every request with a {@code CompletableFuture} run on a second thread: Spring MVC
 * then resolves the handler method's arguments and return value, starts an asynchronous request, and dispatches
 * it a second time through every filter and the {@code DispatcherServlet} once the route is done. That was a
 * fifth of the gateway's CPU per request (docs/benchmark.md). The request threads themselves are the request
 * executor's ({@link dev.hixai2api.config.RequestThreadsConfiguration}), as the routes' threads were before.
 */
@Configuration(proxyBeanMethods = false)
public class InlinePlatformHttp {

    /** Replaces Camel's Spring Boot engine (which backs off when an engine bean exists). */
    @Bean(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME)
    public PlatformHttpEngine inlinePlatformHttpEngine(Environment environment) {
        int port = environment.getProperty("server.port", Integer.class, 8080);
        return new PlatformHttpEngine() {
            @Override
            public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
                return new InlineConsumer(endpoint, processor);
            }

            @Override
            public int getServerPort() {
                return port;
            }
        };
    }

    /** Ahead of Spring MVC's own adapter, which would invoke the consumer's asynchronous handler method. */
    @Bean
    public HandlerAdapter inlinePlatformHttpAdapter() {
        return new InlineAdapter();
    }

    /** Camel's consumer, asked to serve a request on the calling thread. */
    static final class InlineConsumer extends SpringBootPlatformHttpConsumer {

        InlineConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            // the executor of the asynchronous entry point, which this engine never takes
            super(endpoint, processor, Runnable::run);
        }

        void serve(HttpServletRequest request, HttpServletResponse response) throws Exception {
            handleService(request, response);
        }
    }

    static final class InlineAdapter implements HandlerAdapter, Ordered {

        @Override
        public boolean supports(Object handler) {
            return handler instanceof HandlerMethod method && method.getBean() instanceof InlineConsumer;
        }

        @Override
        public ModelAndView handle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws Exception {
            ((InlineConsumer) ((HandlerMethod) handler).getBean()).serve(request, response);
            return null;  // the response is written
        }

        @Override
        @SuppressWarnings("deprecation")
        public long getLastModified(HttpServletRequest request, Object handler) {
            return -1;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
