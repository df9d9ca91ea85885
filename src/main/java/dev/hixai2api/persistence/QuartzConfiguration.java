package dev.hixai2api.persistence;

import dev.hixai2api.config.GatewayProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hixai2api.persistence.MysqlDsn;
import org.apache.camel.component.quartz.QuartzComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduler of the jobs in routes/jobs.yaml. On the embedded database it keeps jobs in memory (one
 * instance). On MySQL it is Quartz's clustered JDBC job store, so instances sharing the database run each job
 * once; JobStoreTX manages its own transactions, which the cluster lock rows need.
 */
@Configuration(proxyBeanMethods = false)
public class QuartzConfiguration {

    private static final AtomicInteger IN_MEMORY_SCHEDULERS = new AtomicInteger();

    @Bean("quartz")
    public QuartzComponent quartzComponent(GatewayProperties properties) {
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(schedulerProperties(properties));
        quartz.setInterruptJobsOnShutdown(true);
        return quartz;
    }

    static Map<String, Object> schedulerProperties(GatewayProperties properties) {
        Map<String, Object> quartz = new HashMap<>();
        quartz.put("org.quartz.scheduler.instanceId", "AUTO");
        quartz.put("org.quartz.scheduler.skipUpdateCheck", "true");
        quartz.put("org.quartz.threadPool.threadCount", "2");
        if (properties.mysqlDsn() == null || properties.mysqlDsn().isBlank()) {
            // Quartz shares a scheduler by name across the JVM: an in-memory one belongs to this gateway alone,
            // so two gateways in one JVM (the tests' cached contexts) never see each other's triggers
            quartz.put("org.quartz.scheduler.instanceName", "hixai2api-" + IN_MEMORY_SCHEDULERS.incrementAndGet());
            quartz.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            return quartz;
        }
        // the clustered store's rows are keyed by this name: every instance of the cluster uses the same
        quartz.put("org.quartz.scheduler.instanceName", "hixai2api");
        MysqlDsn dsn = MysqlDsn.parse(properties.mysqlDsn());
        quartz.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        quartz.put("org.quartz.jobStore.dataSource", "hixai2api");
        quartz.put("org.quartz.jobStore.isClustered", "true");
        quartz.put("org.quartz.jobStore.clusterCheckinInterval", "5000");
        quartz.put("org.quartz.dataSource.hixai2api.provider", "hikaricp");
        quartz.put("org.quartz.dataSource.hixai2api.driver", "com.mysql.cj.jdbc.Driver");
        quartz.put("org.quartz.dataSource.hixai2api.URL", dsn.jdbcUrl());
        quartz.put("org.quartz.dataSource.hixai2api.user", dsn.username() == null ? "" : dsn.username());
        quartz.put("org.quartz.dataSource.hixai2api.password", dsn.password() == null ? "" : dsn.password());
        quartz.put("org.quartz.dataSource.hixai2api.maxConnections", "3");
        return quartz;
    }
}
