package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console and Swagger UI, as a browser loads them: none of their files may be framed or type-sniffed. */
class PageHeadersE2ETest extends GatewayTestSupport {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/index.html", "/console/app.js", "/console/console.css", "/swagger/index.html",
            "/swagger/openapi.json", "/webjars/swagger-ui/swagger-ui-bundle.js", "/webjars/swagger-ui/swagger-ui.css"})
    void answersWithAntiFramingAndNoSniffHeaders(String path) {
        HttpResponse<String> response = get(path, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(response.headers().allValues("Content-Security-Policy")).singleElement()
                .satisfies(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }
}
