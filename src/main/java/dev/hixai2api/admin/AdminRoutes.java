package dev.hixai2api.admin;

import dev.hixai2api.admin.AdminRequests.ApiKeyRequest;
import dev.hixai2api.admin.AdminRequests.CookieRequest;
import dev.hixai2api.security.GuardClient;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.pool.CookiePoolMetrics;
import dev.hixai2api.monitoring.TrafficMetrics;
import dev.hixai2api.pool.CookieCreditRoutes;
import java.util.function.Consumer;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.springframework.stereotype.Component;

/**
 * The admin API of the Go tool, same paths and envelope, behind the backend secret. With
 * BACKEND_API_ENABLE=0 none of it exists (404).
 */
@Component
public class AdminRoutes extends RouteBuilder {

    private final GatewayProperties properties;
    private final GuardClient guardClient;
    private final BackendSecret secret;
    private final ApiKeyAdmin keys;
    private final CookieAdmin cookies;
    private final AdminResponses responses;
    private final TrafficMetrics traffic;
    private final CookiePoolMetrics poolMetrics;

    public AdminRoutes(GatewayProperties properties, GuardClient guardClient, BackendSecret secret, ApiKeyAdmin keys,
                       CookieAdmin cookies, AdminResponses responses, TrafficMetrics traffic,
                       CookiePoolMetrics poolMetrics) {
        this.traffic = traffic;
        this.poolMetrics = poolMetrics;
        this.properties = properties;
        this.guardClient = guardClient;
        this.secret = secret;
        this.keys = keys;
        this.cookies = cookies;
        this.responses = responses;
    }

    @Override
    public void configure() {
        if (!properties.backendApiEnable()) {
            return;
        }
        rest("/api").description("Admin API (backend secret)")
                .securityDefinitions().bearerToken("backendSecret", "BACKEND_SECRET, bare or as Bearer").end()
                .post("/auth/verify").id("verify-secret-rest").description("Check the backend secret")
                    .security("backendSecret").outType(Envelope.class).to("direct:adminVerify")
                .put("/key").id("add-api-key-rest").description("Add an API key")
                    .security("backendSecret").type(ApiKeyRequest.class).outType(Envelope.class).to("direct:adminAddKey")
                .get("/key/all").id("list-api-keys-rest").description("List API keys (masked)")
                    .security("backendSecret").outType(Envelope.class).to("direct:adminListKeys")
                .post("/key/update").id("update-api-key-rest").description("Change an API key or its remark")
                    .security("backendSecret").type(ApiKeyRequest.class).outType(Envelope.class).to("direct:adminUpdateKey")
                .delete("/key/{id}").id("delete-api-key-rest").description("Remove an API key")
                    .security("backendSecret").outType(Envelope.class).to("direct:adminDeleteKey")
                .put("/cookie").id("add-cookie-rest").description("Add a HixAI cookie, checked with HixAI")
                    .security("backendSecret").type(CookieRequest.class).outType(Envelope.class).to("direct:adminAddCookie")
                .get("/cookie/all").id("list-cookies-rest").description("List cookies (masked) with credits and state")
                    .security("backendSecret").outType(Envelope.class).to("direct:adminListCookies")
                .post("/cookie/update").id("update-cookie-rest").description("Change a cookie (re-checked)")
                    .security("backendSecret").type(CookieRequest.class).outType(Envelope.class).to("direct:adminUpdateCookie")
                .delete("/cookie/{id}").id("delete-cookie-rest").description("Remove a cookie")
                    .security("backendSecret").outType(Envelope.class).to("direct:adminDeleteCookie")
                .get("/status").id("gateway-status-rest")
                    .description("Live counters: requests, open streams, failovers, errors, cookies by state, credits")
                    .security("backendSecret").outType(Envelope.class).to("direct:adminStatus")
                .post("/cookie/credit/refresh").id("refresh-credits-rest")
                    .description("Start refreshing the credits of every cookie; returns at once")
                    .security("backendSecret").outType(Envelope.class).to("direct:adminRefreshCredits");

        admin("direct:adminVerify", "admin-verify",
                route -> route.setBody(exchange -> Envelope.ok("secret accepted", null)));
        admin("direct:adminAddKey", "admin-add-api-key", route -> route.bean(keys, "add"));
        admin("direct:adminListKeys", "admin-list-api-keys", route -> route.bean(keys, "list"));
        admin("direct:adminUpdateKey", "admin-update-api-key", route -> route.bean(keys, "update"));
        admin("direct:adminDeleteKey", "admin-delete-api-key", route -> route.bean(keys, "delete"));
        admin("direct:adminAddCookie", "admin-add-cookie", route -> route
                .process(cookies::readNew)
                .to("direct:hixUsage")
                .bean(cookies, "storeNew"));
        admin("direct:adminListCookies", "admin-list-cookies", route -> route.bean(cookies, "list"));
        admin("direct:adminUpdateCookie", "admin-update-cookie", route -> route
                .process(cookies::readUpdate)
                .to("direct:hixUsage")
                .bean(cookies, "storeUpdate"));
        admin("direct:adminDeleteCookie", "admin-delete-cookie", route -> route.bean(cookies, "delete"));
        admin("direct:adminStatus", "admin-status",
                route -> route.setBody(exchange -> Envelope.ok("ok",
                        GatewayStatus.of(traffic, poolMetrics, properties.openAiBasePath()))));
        admin("direct:adminRefreshCredits", "admin-refresh-credits", route -> route
                .wireTap(CookieCreditRoutes.REFRESH_ALL)
                .setBody(exchange -> Envelope.ok("credit refresh of every cookie started", null)));
    }

    /** Every admin route: client guard and secret first, then its own steps, whose Envelope is written last. */
    private void admin(String endpoint, String routeId, Consumer<RouteDefinition> steps) {
        RouteDefinition route = from(endpoint).routeId(routeId).routeConfigurationId(AdminErrorHandling.ID)
                .process(guardClient::checkAdmin)
                .process(this::authorize);
        steps.accept(route);
        route.process(responses::ok);
    }

    private void authorize(Exchange exchange) {
        secret.authorize(exchange.getMessage().getHeader("Authorization", String.class));
    }
}
