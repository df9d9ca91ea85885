package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Swagger UI rendered by a real headless Chromium (Debian's, installed by .ci/run), not just served. */
class SwaggerUiBrowserE2ETest extends GatewayTestSupport {

    @Test
    void swaggerUiLoadsAndListsTheOperations() throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process chromium = new ProcessBuilder(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom",
                url("/swagger/index.html")))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] dom = chromium.getInputStream().readAllBytes();
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String html = new String(dom, StandardCharsets.UTF_8);
        assertThat(html).contains("opblock-summary");
        for (String operation : OpenApiE2ETest.OPERATIONS) {
            String path = operation.substring(operation.indexOf(' ') + 1);
            assertThat(html).as("rendered operation %s", operation).contains(path);
        }
        assertThat(html).contains("hixai2api");
    }
}
