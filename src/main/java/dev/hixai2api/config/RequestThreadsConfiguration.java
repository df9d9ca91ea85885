package dev.hixai2api.config;

import org.springframework.boot.web.embedded.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Tomcat serves every request on the request executor (Spring's {@code applicationTaskExecutor}, sized by
 * MAX_CONCURRENT_REQUESTS; on JDK 21+ {@link RequestExecutorConfiguration}'s platform threads with virtual ones
 * beyond), and the Camel routes run on that same thread ({@code api.InlinePlatformHttp}): an open stream holds one
 * thread, not a Tomcat thread and a route thread. The executor takes tasks until the web server has stopped
 * ({@code spring.task.execution.pool.shutdown.accept-tasks-after-context-close}), so the graceful shutdown's last
 * streams keep their threads.
 */
@Configuration(proxyBeanMethods = false)
public class RequestThreadsConfiguration {

    @Bean
    public TomcatProtocolHandlerCustomizer<?> requestThreads(ThreadPoolTaskExecutor applicationTaskExecutor) {
        return protocol -> protocol.setExecutor(applicationTaskExecutor.getThreadPoolExecutor());
    }
}
