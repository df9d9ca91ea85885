package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** IP_BLACK_LIST of CIDR ranges: all of 127.0.0.0/8, and ::1 as a /128. */
@TestPropertySource(properties = "IP_BLACK_LIST=127.0.0.0/8, ::1/128")
class CidrBlacklistE2ETest extends LoopbackBlacklistE2ETest {

    @Test
    void everyAddressOfTheRangeIsRefused() throws Exception {
        HttpResponse<String> refused = get("/v1/models", null);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused.body()).path("error").path("code").asText()).isEqualTo("ip_blocked");
        assertThat(rawGet("127.0.0.2")).startsWith("HTTP/1.1 403");
        assertThat(rawGet("127.255.255.254")).startsWith("HTTP/1.1 403");
    }
}
