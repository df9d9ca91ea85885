package dev.hixai2api.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import dev.hixai2api.hix.Credits;
import dev.hixai2api.hix.FailureClass;
import dev.hixai2api.hix.HixModel;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.persistence.CookieRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Chooses the cookie of each attempt and keeps the stored cookie state in line with what HixAI says. */
@Component
public class CookiePool {

    private static final Logger LOG = LoggerFactory.getLogger(CookiePool.class);

    private final CookieRepository repository;
    private final long cooldownMillis;

    public CookiePool(CookieRepository repository, GatewayProperties properties) {
        this.repository = repository;
        this.cooldownMillis = properties.cookieCooldown().toMillis();
    }

    /** A random cookie able to pay for the model, other than those already tried. */
    public Optional<HixCookie> pick(HixModel model, Set<Long> exclude) {
        List<HixCookie> candidates = new ArrayList<>();
        for (HixCookie cookie : repository.findAll()) {
            if (cookie.canServe(model) && !exclude.contains(cookie.id())) {
                candidates.add(cookie);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())));
    }

    /** This cookie, if it can pay for the model now. */
    public Optional<HixCookie> usable(long cookieId, HixModel model) {
        return repository.findById(cookieId).filter(cookie -> cookie.canServe(model));
    }

    /** Every model some stored cookie can pay for now. */
    public List<HixModel> servable(List<HixModel> models) {
        List<HixCookie> cookies = repository.findAll();
        List<HixModel> servable = new ArrayList<>();
        for (HixModel model : models) {
            if (cookies.stream().anyMatch(c -> c.canServe(model))) {
                servable.add(model);
            }
        }
        return Collections.unmodifiableList(servable);
    }

    /**
     * A dead session disables the cookie; used-up credit benches it until its next refresh; a transient
     * failure cools it down for COOKIE_COOLDOWN. Cloudflare and rejected requests are not the cookie's doing.
     */
    public void recordFailure(long cookieId, FailureClass failure, String reason) {
        String error = failure.name() + ": " + reason;
        switch (failure) {
            case DEAD_SESSION -> disable(cookieId, CookieState.DISABLED, error);
            case NO_CREDIT -> disable(cookieId, CookieState.NO_CREDIT, error);
            case TRANSIENT -> {
                LOG.info("Cookie #{} cools down for {} ms: {}", cookieId, cooldownMillis, reason);
                repository.coolDown(cookieId, System.currentTimeMillis() + cooldownMillis, error);
            }
            default -> LOG.debug("Cookie #{} not at fault: {}", cookieId, error);
        }
    }

    private void disable(long cookieId, CookieState state, String error) {
        LOG.warn("Cookie #{} is now {}: {}", cookieId, state, error);
        repository.markFailure(cookieId, state, error);
    }

    public void recordCredits(long cookieId, Credits credits) {
        repository.updateCredits(cookieId, credits);
    }
}
