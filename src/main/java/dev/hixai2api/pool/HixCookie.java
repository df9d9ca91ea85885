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
        long createTime) {

    /** Standard models need standard credit; advanced ones an active subscription and advanced credit. */
    public boolean canServe(HixModel model) {
        if (state != CookieState.ACTIVE) {
            return false;
        }
        return model.type() == ModelType.ADVANCED
                ? activeSub && advancedCredit >= model.credit()
                : credit >= model.credit();
    }

    @Override
    public String toString() {
        return "HixCookie[id=" + id + ", state=" + state + "]";
    }
}
