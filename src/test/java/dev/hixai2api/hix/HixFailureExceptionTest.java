package dev.hixai2api.hix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.cert.CertificateException;

import org.apache.hc.client5.http.impl.classic.RequestFailedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.util.Deadline;
import org.apache.hc.core5.util.DeadlineTimeoutException;
import org.junit.jupiter.api.Test;

class HixFailureExceptionTest {

    @Test
    void bothWaysHttpClientReportsAnExhaustedPoolAreTheGatewaysLimitNotTheCookies() {
        // the pool's own deadline, inside the I/O exception the client throws, and the plain wait timing out
        Throwable expired = new RequestFailedException("Request execution failed",
                DeadlineTimeoutException.from(Deadline.fromUnixMilliseconds(System.currentTimeMillis() - 1)));
        Throwable waited = new ConnectionRequestTimeoutException("Timeout deadline: 400 MILLISECONDS");

        for (Throwable leaseTimeout : new Throwable[] {expired, waited, new IllegalStateException(expired)}) {
            HixFailureException failure = HixFailureException.of(leaseTimeout);
            assertThat(failure.failureClass()).as(leaseTimeout.toString()).isEqualTo(FailureClass.GATEWAY_BUSY);
            assertThat(failure.failureClass().worthAnotherCookie()).isFalse();
            assertThat(failure.getMessage()).contains("UPSTREAM_MAX_CONNECTIONS");
        }
    }

    @Test
    void anIoFailureIsUpstreamWhateverItsInnermostCause() {
        Throwable tls = new IOException("handshake failed", new CertificateException("bad certificate"));

        assertThat(HixFailureException.isUpstream(tls)).isTrue();
        assertThat(HixFailureException.of(tls).failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(HixFailureException.isUpstream(new IllegalStateException("a bug"))).isFalse();
        assertThat(HixFailureException.isUpstream(null)).isFalse();
    }
}
