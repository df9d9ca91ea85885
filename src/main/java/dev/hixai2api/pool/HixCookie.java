package dev.hixai2api.pool;

import dev.hixai2api.hix.HixModel;
import dev.hixai2api.hix.ModelType;

/** One HixAI account as stored: its session token, credits and health. */
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
        long createTime) {

    /**
     * Standard models need standard credit; advanced ones an active subscription and advanced credit. A cookie
     * disabled, out of credit or cooling down serves nothing.
     */
    public boolean canServe(HixModel model) {
        if (state != CookieState.ACTIVE || coolingDown()) {
            return false;
        }
        return model.type() == ModelType.ADVANCED
                ? activeSub && advancedCredit >= model.credit()
                : credit >= model.credit();
    }

    public boolean coolingDown() {
        return cooldownUntil != null && cooldownUntil > System.currentTimeMillis();
    }

    /** The state admins see: active, disabled, no_credit or cooling_down. */
    public String displayState() {
        return state == CookieState.ACTIVE && coolingDown() ? "cooling_down" : state.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return "HixCookie[id=" + id + ", state=" + state + "]";
    }
}
