package dev.hixai2api.chat;

import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.pool.CookiePool;
import dev.hixai2api.pool.HixCookie;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Puts the cookie of the first attempt in place, or refuses the request when no cookie can pay for it. */
@Component
public class PickCookie implements Processor {

    private final CookiePool pool;

    public PickCookie(CookiePool pool) {
        this.pool = pool;
    }

    @Override
    public void process(Exchange exchange) {
        ChatCall call = ChatCall.of(exchange);
        if (call.attempt() != null) {
            return;  // a stored conversation's cookie is already in place
        }
        HixCookie cookie = pool.pick(call.model(), call.triedCookieIds())
                .orElseThrow(() -> new GatewayException(ErrorKind.UNAVAILABLE, "no_valid_cookies", null,
                        "No valid cookies available for model " + call.model().name()
                                + ": every stored HixAI account is disabled or short of credit for it"
                                + " (the admin API's /api/cookie/all says which)."));
        call.useCookie(cookie);
    }
}
