package dev.hixai2api.admin;

/** An admin request refused: answered as {@code {"code":1,"message":…}} with this HTTP status. */
public class AdminException extends RuntimeException {

    private final int status;

    public AdminException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static AdminException badRequest(String message) {
        return new AdminException(400, message);
    }

    public static AdminException notFound(String what, long id) {
        return new AdminException(404, what + " " + id + " does not exist");
    }

    public int status() {
        return status;
    }
}
