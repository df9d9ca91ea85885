package dev.hixai2api.admin;

import java.util.List;
import java.util.regex.Pattern;

import dev.hixai2api.admin.AdminRequests.ApiKeyRequest;
import dev.hixai2api.security.ApiKeyRepository;
import dev.hixai2api.security.ApiKeyRepository.StoredApiKey;
import dev.hixai2api.security.ApiKeyAuthenticator;
import org.apache.camel.Exchange;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/** The /api/key operations. A change takes effect on /v1 at once. */
@Component
public class ApiKeyAdmin {

    /** Printable, no spaces: an API key travels in an HTTP header. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{8,512}");

    /** A key as listed: never the key itself, only its masked hint. */
    public record ApiKeyView(long id, String apiKey, String remark, long createTime) {
        static ApiKeyView of(StoredApiKey key) {
            return new ApiKeyView(key.id(), key.keyHint(), key.remark(), key.createTime());
        }
    }

    private final ApiKeyRepository repository;
    private final ApiKeyAuthenticator authenticator;
    private final AdminRequests requests;

    public ApiKeyAdmin(ApiKeyRepository repository, ApiKeyAuthenticator authenticator, AdminRequests requests) {
        this.repository = repository;
        this.authenticator = authenticator;
        this.requests = requests;
    }

    public Envelope add(Exchange exchange) {
        ApiKeyRequest request = requests.read(exchange, ApiKeyRequest.class);
        String key = validKey(request.apiKey());
        String remark = AdminRequests.remark(request.remark());
        try {
            return Envelope.ok("API key added", ApiKeyView.of(repository.insert(key, remark)));
        } catch (DuplicateKeyException e) {
            throw AdminException.badRequest("this API key already exists");
        } finally {
            authenticator.reload();
        }
    }

    public Envelope list(Exchange exchange) {
        List<ApiKeyView> keys = repository.findAll().stream()
                .map(ApiKeyView::of)
                .toList();
        return Envelope.ok("ok", keys);
    }

    public Envelope update(Exchange exchange) {
        ApiKeyRequest request = requests.read(exchange, ApiKeyRequest.class);
        long id = AdminRequests.requiredId(request.id());
        String remark = AdminRequests.remark(request.remark());
        boolean found;
        try {
            found = request.apiKey() == null || request.apiKey().isEmpty()
                    ? repository.updateRemark(id, remark)
                    : repository.update(id, validKey(request.apiKey()), remark);
        } catch (DuplicateKeyException e) {
            throw AdminException.badRequest("this API key already exists");
        } finally {
            authenticator.reload();
        }
        if (!found) {
            throw AdminException.notFound("API key", id);
        }
        return Envelope.ok("API key updated", null);
    }

    public Envelope delete(Exchange exchange) {
        long id = AdminRequests.pathId(exchange);
        boolean found = repository.delete(id);
        authenticator.reload();
        if (!found) {
            throw AdminException.notFound("API key", id);
        }
        return Envelope.ok("API key deleted", null);
    }

    private static String validKey(String key) {
        if (key == null || key.isBlank()) {
            throw AdminException.badRequest("apiKey is required");
        }
        if (!KEY.matcher(key).matches()) {
            throw AdminException.badRequest("apiKey must be 8 to 512 printable characters without spaces");
        }
        return key;
    }
}
