package dev.hixai2api.api;

import dev.hixai2api.config.GatewayProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Which front door a request is for, judged on the path the servlet container routes by: Tomcat has already
 * stripped {@code ;params}, decoded {@code %xx}, merged {@code //} and resolved {@code .} and {@code ..} in the
 * servlet path, so {@code /%76%31;x=1/./chat/completions} is {@code /v1/chat/completions} here as it is for the
 * router. The raw request URI must never decide, or an odd spelling slips past the checks.
 */
@Component
public class ApiPaths {

    /** The front doors: the OpenAI routes under ROUTE_PREFIX, Anthropic's /v1/messages among them, the admin API. */
    public enum Door { OPENAI, ANTHROPIC, ADMIN, NONE }

    private final String openAiPrefix;
    private final String anthropicPath;
    private final boolean adminEnabled;

    public ApiPaths(GatewayProperties properties) {
        this.openAiPrefix = properties.openAiBasePath() + "/";
        this.anthropicPath = openAiPrefix + "messages";
        this.adminEnabled = properties.backendApiEnable();
    }

    public Door of(HttpServletRequest request) {
        String path = routedPath(request);
        if (path.equals(anthropicPath) || path.startsWith(anthropicPath + "/")) {
            return Door.ANTHROPIC;
        }
        if (path.startsWith(openAiPrefix)) {
            return Door.OPENAI;
        }
        return adminEnabled && path.startsWith("/api/") ? Door.ADMIN : Door.NONE;
    }

    /** The decoded, normalised path inside the application, as the container hands it to routing. */
    static String routedPath(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }
}
