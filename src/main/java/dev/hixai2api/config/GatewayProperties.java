package dev.hixai2api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the gateway. application.yml maps the environment variables users know from the Go tool
 * (PORT, MYSQL_DSN, BACKEND_SECRET, …) onto these fields; the README documents each one.
 */
@ConfigurationProperties(prefix = "hixai2api")
public record GatewayProperties(
        boolean debug,
        String mysqlDsn,
        String backendSecret,
        boolean backendApiEnable,
        int chatMaxDays,
        String routePrefix,
        String proxyUrl,
        boolean swaggerEnable,
        boolean reasoningHide,
        String preMessagesJson,
        int requestRateLimit,
        List<String> ipBlackList,
        String hixBaseUrl,
        Path dataDir,
        DataSize maxBodySize,
        Duration upstreamConnectTimeout,
        Duration upstreamFirstByteTimeout,
        Duration upstreamIdleTimeout,
        int upstreamMaxConnections,
        int maxAttempts,
        Duration cookieCooldown,
        Duration creditRecheckInterval,
        String creditRefreshCron,
        String chatCleanupCron,
        DataSize attachmentMaxSize,
        List<String> attachmentAllowedHosts,
        Duration attachmentFetchTimeout,
        List<String> trustedProxies,
        boolean virtualThreads,
        DataSize bodyMemoryBudget,
        int authFailureLimit,
        Duration streamKeepalive,
        List<String> corsAllowedOrigins,
        String reasoningFormat,
        String modelsFile,
        String modelMapping) {

    /** The values of REASONING_FORMAT (the OpenAI chat door's ReasoningFormat names). */
    private static final Set<String> REASONING_FORMATS = Set.of("think", "reasoning_content", "hide");

    public GatewayProperties {
        routePrefix = normalisePrefix(routePrefix);
        hixBaseUrl = stripTrailingSlash(hixBaseUrl == null || hixBaseUrl.isBlank() ? "https://hix.ai" : hixBaseUrl.trim());
        ipBlackList = ipBlackList == null ? List.of()
                : ipBlackList.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(32) : maxBodySize;
        upstreamConnectTimeout = upstreamConnectTimeout == null ? Duration.ofSeconds(10) : upstreamConnectTimeout;
        upstreamFirstByteTimeout = upstreamFirstByteTimeout == null ? Duration.ofSeconds(60) : upstreamFirstByteTimeout;
        upstreamIdleTimeout = upstreamIdleTimeout == null ? Duration.ofSeconds(60) : upstreamIdleTimeout;
        upstreamMaxConnections = upstreamMaxConnections <= 0 ? 2000 : upstreamMaxConnections;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        cookieCooldown = cookieCooldown == null ? Duration.ofSeconds(30) : cookieCooldown;
        creditRecheckInterval = creditRecheckInterval == null || creditRecheckInterval.toMillis() <= 0
                ? Duration.ofSeconds(10) : creditRecheckInterval;
        creditRefreshCron = validCron("CREDIT_REFRESH_CRON", creditRefreshCron, "0 0 * * * ?");
        chatCleanupCron = validCron("CHAT_CLEANUP_CRON", chatCleanupCron, "0 0 0 * * ?");
        attachmentMaxSize = attachmentMaxSize == null ? DataSize.ofMegabytes(20) : attachmentMaxSize;
        attachmentAllowedHosts = attachmentAllowedHosts == null ? List.of()
                : attachmentAllowedHosts.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        attachmentFetchTimeout = attachmentFetchTimeout == null ? Duration.ofSeconds(10) : attachmentFetchTimeout;
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        bodyMemoryBudget = bodyMemoryBudget == null ? DataSize.ofMegabytes(64) : bodyMemoryBudget;
        // unset: 15 s, well inside the 100 s Cloudflare allows an idle response; 0 (or negative) turns it off
        streamKeepalive = streamKeepalive == null ? Duration.ofSeconds(15)
                : streamKeepalive.isNegative() ? Duration.ZERO : streamKeepalive;
        // unset: any origin (the key, not a cookie, is the credential); an empty value turns CORS off
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of("*")
                : corsAllowedOrigins.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        reasoningFormat = reasoningFormat(reasoningFormat, reasoningHide);
        modelsFile = modelsFile == null || modelsFile.isBlank() ? null : modelsFile.trim();
        modelMapping = modelMapping == null || modelMapping.isBlank() ? null : modelMapping;
    }

    /** Whether streams send SSE comment lines while they wait for HixAI. */
    public boolean streamKeepaliveOn() {
        return !streamKeepalive.isZero();
    }

    /** The path the OpenAI routes live under: "" or "/hf" for ROUTE_PREFIX=hf. */
    public String openAiBasePath() {
        return routePrefix + "/v1";
    }

    /**
     * REASONING_FORMAT, or {@code hide} for REASONING_HIDE=1, its older spelling; the two set to different formats
     * stop the start rather than one silently overruling the other.
     */
    private static String reasoningFormat(String format, boolean hide) {
        if (format == null || format.isBlank()) {
            return hide ? "hide" : "think";
        }
        String value = format.trim();
        if (!REASONING_FORMATS.contains(value)) {
            throw new IllegalArgumentException("REASONING_FORMAT must be think, reasoning_content or hide, not "
                    + value);
        }
        if (hide && !value.equals("hide")) {
            throw new IllegalArgumentException("REASONING_HIDE=1 and REASONING_FORMAT=" + value + " disagree: "
                    + "set only REASONING_FORMAT");
        }
        return value;
    }

    /** The job schedules are read by the YAML routes; a typo should stop the start, not silently skip the job. */
    private static String validCron(String name, String cron, String fallback) {
        String value = cron == null || cron.isBlank() ? fallback : cron.trim();
        if (!CronExpression.isValidExpression(value)) {
            throw new IllegalArgumentException(name + " is not a Quartz cron expression: " + value);
        }
        return value;
    }

    private static String normalisePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String trimmed = prefix.trim().replaceAll("^/+", "").replaceAll("/+$", "");
        return trimmed.isEmpty() ? "" : "/" + trimmed;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
