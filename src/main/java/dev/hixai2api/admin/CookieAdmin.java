package dev.hixai2api.admin;

import java.util.List;

import dev.hixai2api.admin.AdminRequests.CookieRequest;
import dev.hixai2api.hix.Credits;
import dev.hixai2api.hix.HixRequest;
import dev.hixai2api.pool.CookieRepository;
import dev.hixai2api.pool.HixCookie;
import dev.hixai2api.security.Secrets;
import org.apache.camel.Exchange;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The /api/cookie operations. A new or changed cookie is checked with HixAI's usage call (the route's
 * {@code direct:hixUsage} step between {@link #readNew} and {@link #storeNew}) and stored with its credits.
 */
@Component
public class CookieAdmin {

    private static final String REQUEST_PROPERTY = "hixCookieRequest";
    private static final String TOKEN_PROPERTY = "hixCookieToken";

    /** A cookie as listed: a masked token, its credits and health. */
    public record CookieView(long id, String cookie, int credit, int advancedCredit, boolean activeSub, String state,
                             String lastError, Long lastErrorAt, Long lastRefreshAt, Long cooldownUntil, String remark,
                             long createTime) {
        static CookieView of(HixCookie c) {
            return new CookieView(c.id(), Secrets.mask(c.token()), c.credit(), c.advancedCredit(), c.activeSub(),
                    c.displayState(), c.lastError(), c.lastErrorAt(), c.lastRefreshAt(),
                    c.coolingDown() ? c.cooldownUntil() : null, c.remark(), c.createTime());
        }
    }

    private final CookieRepository repository;
    private final AdminRequests requests;

    public CookieAdmin(CookieRepository repository, AdminRequests requests) {
        this.repository = repository;
        this.requests = requests;
    }

    /** Reads {@code {cookie, remark}} and puts the token where the usage call takes it. */
    public void readNew(Exchange exchange) {
        CookieRequest request = requests.read(exchange, CookieRequest.class);
        String token = SessionCookie.token(request.cookie());
        if (repository.exists(token)) {
            throw AdminException.badRequest("this cookie already exists");
        }
        AdminRequests.remark(request.remark());
        exchange.setProperty(REQUEST_PROPERTY, request);
        usageCall(exchange, token);
    }

    public Envelope storeNew(Exchange exchange) {
        CookieRequest request = exchange.getProperty(REQUEST_PROPERTY, CookieRequest.class);
        String token = exchange.getProperty(TOKEN_PROPERTY, String.class);
        try {
            long id = repository.insert(token, AdminRequests.remark(request.remark()), credits(exchange));
            return Envelope.ok("cookie added", CookieView.of(repository.findById(id).orElseThrow()));
        } catch (DuplicateKeyException e) {
            throw AdminException.badRequest("this cookie already exists");
        }
    }

    /**
     * Reads {@code {id, cookie, remark}}. A new cookie value is checked like an added one; without one, the
     * stored cookie is re-checked so an admin update can bring a disabled cookie back.
     */
    public void readUpdate(Exchange exchange) {
        CookieRequest request = requests.read(exchange, CookieRequest.class);
        long id = AdminRequests.requiredId(request.id());
        HixCookie stored = repository.findById(id).orElseThrow(() -> AdminException.notFound("cookie", id));
        AdminRequests.remark(request.remark());
        String token = request.cookie() == null || request.cookie().isBlank()
                ? stored.token() : SessionCookie.token(request.cookie());
        exchange.setProperty(REQUEST_PROPERTY, request);
        usageCall(exchange, token);
    }

    /** The token is stored once the usage call has checked it. */
    private static void usageCall(Exchange exchange, String token) {
        exchange.setProperty(TOKEN_PROPERTY, token);
        exchange.getMessage().setBody(new HixRequest.Usage(token));
    }

    public Envelope storeUpdate(Exchange exchange) {
        CookieRequest request = exchange.getProperty(REQUEST_PROPERTY, CookieRequest.class);
        String token = exchange.getProperty(TOKEN_PROPERTY, String.class);
        String remark = request.remark() != null ? AdminRequests.remark(request.remark())
                : repository.findById(request.id()).map(HixCookie::remark).orElse("");
        try {
            if (!repository.replaceToken(request.id(), token, remark, credits(exchange))) {
                throw AdminException.notFound("cookie", request.id());
            }
        } catch (DuplicateKeyException e) {
            throw AdminException.badRequest("this cookie already exists");
        }
        return Envelope.ok("cookie updated", CookieView.of(repository.findById(request.id()).orElseThrow()));
    }

    public Envelope list(Exchange exchange) {
        List<CookieView> cookies = repository.findAll().stream().map(CookieView::of).toList();
        return Envelope.ok("ok", cookies);
    }

    public Envelope delete(Exchange exchange) {
        long id = AdminRequests.pathId(exchange);
        if (!repository.delete(id)) {
            throw AdminException.notFound("cookie", id);
        }
        return Envelope.ok("cookie deleted", null);
    }

    private static Credits credits(Exchange exchange) {
        return exchange.getMessage().getBody(Credits.class);
    }
}
