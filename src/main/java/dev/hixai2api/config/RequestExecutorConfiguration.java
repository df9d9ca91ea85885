package dev.hixai2api.config;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnJava;
import org.springframework.boot.autoconfigure.task.TaskExecutionProperties;
import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * On JDK 21+, the executor Tomcat runs each request and its route on (for the whole of its stream): a pool of
 * platform threads serves the first {@value #PLATFORM_THREADS} requests at once, and every request beyond runs
 * on a virtual thread of its own, up to MAX_CONCURRENT_REQUESTS in all. A platform thread is cheaper in CPU per
 * request (a virtual thread copies its deep Spring/Camel stack at every blocking read of the upstream stream);
 * a virtual thread is cheaper in memory, so a thousand open streams do not need a thousand thread stacks. The
 * benchmark (docs/benchmark.md) measured both.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnJava(JavaVersion.TWENTY_ONE)
public class RequestExecutorConfiguration {

    static final int PLATFORM_THREADS = 256;

    /** Replaces Spring Boot's applicationTaskExecutor; its thread names stay. */
    @Bean(name = {"applicationTaskExecutor", "taskExecutor"})
    public ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder,
                                                          TaskExecutionProperties properties,
                                                          GatewayProperties gateway) {
        if (!gateway.virtualThreads()) {
            return builder.build();  // VIRTUAL_THREADS=false: platform threads for all, as on JDK 17
        }
        int limit = properties.getPool().getMaxSize();
        int platform = Math.min(PLATFORM_THREADS, limit);
        ThreadPoolTaskExecutor executor = builder
                .corePoolSize(Math.min(properties.getPool().getCoreSize(), platform))
                .maxPoolSize(platform)
                .build();
        executor.setRejectedExecutionHandler(new VirtualThreadOverflow(limit - platform,
                new VirtualThreadTaskExecutor(properties.getThreadNamePrefix() + "virtual-")));
        return executor;
    }

    /** Runs what the full pool refuses on a thread of its own (a virtual one), while fewer than {@code permits} do. */
    static final class VirtualThreadOverflow implements RejectedExecutionHandler {

        private final Semaphore permits;
        private final TaskExecutor threads;

        VirtualThreadOverflow(int permits, TaskExecutor threads) {
            this.permits = new Semaphore(Math.max(0, permits));
            this.threads = threads;
        }

        @Override
        public void rejectedExecution(Runnable task, ThreadPoolExecutor pool) {
            if (pool.isShutdown() || !permits.tryAcquire()) {
                throw new RejectedExecutionException("MAX_CONCURRENT_REQUESTS requests are already being served");
            }
            try {
                threads.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        permits.release();
                    }
                });
            } catch (RuntimeException e) {
                permits.release();
                throw e;
            }
        }
    }
}
