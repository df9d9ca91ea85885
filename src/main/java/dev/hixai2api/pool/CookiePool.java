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
import dev.hixai2api.persistence.CookieRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Chooses the cookie of each attempt and keeps the stored cookie state in line with what HixAI says. */
@Component
public class CookiePool {

    private static final Logger LOG = LoggerFactory.getLogger(CookiePool.class);

    private final CookieRepository repository;

    public CookiePool(CookieRepository repository) {
        this.repository = repository;
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

    /** A dead session disables the cookie; used-up credit benches it until its next refresh. */
    public void recordFailure(long cookieId, FailureClass failure, String reason) {
        CookieState state = switch (failure) {
            case DEAD_SESSION -> CookieState.DISABLED;
            case NO_CREDIT -> CookieState.NO_CREDIT;
            default -> null;
        };
        if (state != null) {
            LOG.warn("Cookie #{} is now {}: {}", cookieId, state, reason);
            repository.markFailure(cookieId, state, failure.name() + ": " + reason);
        }
    }

    public void recordCredits(long cookieId, Credits credits) {
        repository.updateCredits(cookieId, credits);
    }
}
