package dev.hixai2api.hix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.util.DeadlineTimeoutException;

/** An upstream call that failed, with its class and a reason fit for logs and clients (never a secret). */
public class HixFailureException extends RuntimeException {

    private final FailureClass failureClass;

    public HixFailureException(FailureClass failureClass, String reason) {
        super(reason, null, false, false);
        this.failureClass = failureClass;
    }

    public HixFailureException(FailureClass failureClass, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.failureClass = failureClass;
    }

    /**
     * The failure as HixAI's, from an exception or its causes (an I/O failure is a transient one), or null for
     * an exception that is not about the upstream.
     */
    public static HixFailureException of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            // HttpClient's wait for a pooled connection: ConnectionRequestTimeoutException, or its pool's
            // DeadlineTimeoutException inside a RequestFailedException (both I/O exceptions on the outside)
            if (t instanceof ConnectionRequestTimeoutException || t instanceof DeadlineTimeoutException) {
                return new HixFailureException(FailureClass.GATEWAY_BUSY, "all UPSTREAM_MAX_CONNECTIONS connections "
                        + "to HixAI stayed in use for UPSTREAM_CONNECT_TIMEOUT", t);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HixFailureException failure) {
                return failure;
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return new HixFailureException(FailureClass.TRANSIENT,
                        ioProblem(t) + " (" + t.getClass().getSimpleName() + ")", t);
            }
        }
        return null;
    }

    /** Names the setting behind a timeout, so the operator knows which one to raise. */
    private static String ioProblem(Throwable t) {
        if (t instanceof ConnectTimeoutException) {
            return "HixAI could not be reached within UPSTREAM_CONNECT_TIMEOUT";
        }
        if (t instanceof SocketTimeoutException) {
            return "HixAI did not answer within UPSTREAM_FIRST_BYTE_TIMEOUT (or fell silent for UPSTREAM_IDLE_TIMEOUT)";
        }
        return "the connection to HixAI failed";
    }

    /**
     * Whether an exception is an upstream failure, wherever in its causes: the error handlers' catch-all clause
     * leaves these to the upstream clause, which Camel would otherwise not pick for an I/O exception whose
     * innermost cause is not one (it matches from the innermost cause outwards).
     */
    public static boolean isUpstream(Throwable error) {
        return of(error) != null;
    }

    public FailureClass failureClass() {
        return failureClass;
    }
}
