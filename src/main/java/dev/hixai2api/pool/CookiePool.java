package dev.hixai2api.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.hix.Credits;
import dev.hixai2api.hix.FailureClass;
import dev.hixai2api.hix.HixModel;
import dev.hixai2api.hix.ModelType;
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

    /**
     * A random cookie able to pay for the model, other than those already tried, preferring cookies that are not
     * cooling down. A cooldown is a preference, not a ban: when every such cookie is cooling down, the one whose
     * cooldown ends first is taken, so a small pool answers again as soon as HixAI does.
     */
    public Optional<HixCookie> pick(HixModel model, Set<Long> exclude) {
        List<HixCookie> payers = new ArrayList<>();
        List<HixCookie> rested = new ArrayList<>();
        for (HixCookie cookie : repository.findAll()) {
            if (cookie.canPay(model) && !exclude.contains(cookie.id())) {
                payers.add(cookie);
                if (!cookie.coolingDown()) {
                    rested.add(cookie);
                }
            }
        }
        if (!rested.isEmpty()) {
            return Optional.of(rested.get(ThreadLocalRandom.current().nextInt(rested.size())));
        }
        return payers.stream().min(Comparator.comparingLong(HixCookie::cooldownUntil));
    }

    /** This cookie, if it can pay for the model and is not cooling down (a stored chat moves off it otherwise). */
    public Optional<HixCookie> usable(long cookieId, HixModel model) {
        return repository.findById(cookieId).filter(cookie -> cookie.canPay(model) && !cookie.coolingDown());
    }

    /** Every model some stored cookie can pay for now, cooling down or not. */
    public List<HixModel> servable(List<HixModel> models) {
        List<HixCookie> cookies = repository.findAll();
        List<HixModel> servable = new ArrayList<>();
        for (HixModel model : models) {
            if (cookies.stream().anyMatch(c -> c.canPay(model))) {
                servable.add(model);
            }
        }
        return Collections.unmodifiableList(servable);
    }

    /** What a chat attempt on this model met at HixAI: the newest news about the cookie, written as it is. */
    public void recordFailure(long cookieId, HixModel model, FailureClass failure, String reason) {
        apply(cookieId, EnumSet.of(model.type()), failure, reason, OptionalLong.empty());
    }

    /**
     * What a credit re-read that started from {@code startedFrom} found. It is stored only if the cookie has not
     * changed since (disabled, out of credit, cooled down, re-credited or given a new token, on any instance).
     */
    public void recordCredits(HixCookie startedFrom, Credits credits) {
        if (!repository.updateCredits(startedFrom.id(), startedFrom.version(), credits)) {
            LOG.info("Credit re-read of cookie #{} discarded: the cookie changed while it ran", startedFrom.id());
        }
    }

    /** A failed credit re-read, under the same rule as {@link #recordCredits}; it names no model, so both sides. */
    public void recordFailure(HixCookie startedFrom, FailureClass failure, String reason) {
        if (!apply(startedFrom.id(), EnumSet.allOf(ModelType.class), failure, reason,
                OptionalLong.of(startedFrom.version()))) {
            LOG.info("Credit re-read failure of cookie #{} discarded: the cookie changed while it ran", startedFrom.id());
        }
    }

    /**
     * A dead session disables the cookie; used-up credit zeroes the credit of the side that ran out (standard or
     * advanced) until its next re-read; a transient failure cools it down for COOKIE_COOLDOWN. Cloudflare and
     * rejected requests are not the cookie's doing. Answers false only when the cookie changed since
     * {@code readVersion}, so nothing was written.
     */
    private boolean apply(long cookieId, Set<ModelType> sides, FailureClass failure, String reason,
                          OptionalLong readVersion) {
        String error = failure.name() + ": " + reason;
        return switch (failure) {
            case DEAD_SESSION -> {
                LOG.warn("Cookie #{} is now disabled: {}", cookieId, error);
                yield repository.markFailure(cookieId, CookieState.DISABLED, error, readVersion);
            }
            case NO_CREDIT -> {
                LOG.warn("Cookie #{} has no {} credit left: {}", cookieId, sides, error);
                yield repository.markOutOfCredit(cookieId, sides, error, readVersion);
            }
            case TRANSIENT -> {
                LOG.info("Cookie #{} cools down for {} ms: {}", cookieId, cooldownMillis, reason);
                yield repository.coolDown(cookieId, System.currentTimeMillis() + cooldownMillis, error, readVersion);
            }
            default -> {
                LOG.debug("Cookie #{} not at fault: {}", cookieId, error);
                yield true;
            }
        };
    }
}
