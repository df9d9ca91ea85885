package dev.hixai2api.hix;

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

    public FailureClass failureClass() {
        return failureClass;
    }
}
