package dev.hixai2api.pool;

import java.util.Locale;

import dev.hixai2api.hix.HixModel;
import dev.hixai2api.hix.ModelType;

/**
 * One HixAI account as stored: its session token, credits and health. {@code version} moves on with every
 * change of state, credit or token, so a credit re-read can tell whether the row changed since it started.
 */
public record HixCookie(
        long id,
        String token,
        String remark,
        int credit,
        int advancedCredit,
        boolean activeSub,
        CookieState state,
        String lastError,
        Long lastErrorAt,
        Long lastRefreshAt,
        Long cooldownUntil,
        long createTime,
        long version) {

    /**
     * Standard models need standard credit; advanced ones an active subscription and advanced credit. A disabled
     * cookie pays for nothing. A cooldown does not count here: it only makes the pool prefer other cookies.
     */
    public boolean canPay(HixModel model) {
        if (state != CookieState.ACTIVE) {
            return false;
        }
        return model.type() == ModelType.ADVANCED
                ? activeSub && advancedCredit >= model.credit()
                : credit >= model.credit();
    }

    public boolean coolingDown() {
        return cooldownUntil != null && cooldownUntil > System.currentTimeMillis();
    }

    /** No credit left on any side the account has. */
    public boolean outOfCredit() {
        return credit <= 0 && (!activeSub || advancedCredit <= 0);
    }

    /** The state admins see: active, disabled, no_credit or cooling_down. */
    public String displayState() {
        if (state == CookieState.DISABLED) {
            return "disabled";
        }
        return outOfCredit() ? "no_credit" : coolingDown() ? "cooling_down" : state.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "HixCookie[id=" + id + ", state=" + state + ", version=" + version + "]";
    }
}
