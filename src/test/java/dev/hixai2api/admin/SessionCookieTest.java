package dev.hixai2api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionCookieTest {

    private static final String TOKEN = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..iv_part.cipher-text.tag";

    @Test
    void theBareTokenIsKept() {
        assertThat(SessionCookie.token("  " + TOKEN + " ")).isEqualTo(TOKEN);
    }

    @Test
    void theTokenIsTakenOutOfAWholeCookieHeader() {
        assertThat(SessionCookie.token("Cookie: _ga=GA1.2; __Secure-next-auth.session-token=" + TOKEN + "; theme=dark"))
                .isEqualTo(TOKEN);
    }

    @Test
    void urlEncodedValuesAreDecoded() {
        assertThat(SessionCookie.token("__Secure-next-auth.session-token=" + TOKEN.replace(".", "%2E"))).isEqualTo(TOKEN);
    }

    @Test
    void headerInjectionAndForeignCookiesAreRefused() {
        assertThatThrownBy(() -> SessionCookie.token(TOKEN + "\r\nX-Injected: 1")).isInstanceOf(AdminException.class);
        assertThatThrownBy(() -> SessionCookie.token(TOKEN + "%0d%0aX: 1")).isInstanceOf(AdminException.class);
        assertThatThrownBy(() -> SessionCookie.token("a=b; c=d")).isInstanceOf(AdminException.class);
        assertThatThrownBy(() -> SessionCookie.token("  ")).hasMessageContaining("required");
        assertThatThrownBy(() -> SessionCookie.token("short")).isInstanceOf(AdminException.class);
    }
}
