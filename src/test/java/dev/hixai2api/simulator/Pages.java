package dev.hixai2api.simulator;

import java.util.concurrent.ThreadLocalRandom;

/** HTML bodies that Cloudflare or a broken upstream send instead of JSON. */
final class Pages {

    private Pages() {
    }

    static String rayId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + "-LAX";
    }

    static String challenge(String ray) {
        return """
                <!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>\
                <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\
                <meta name="robots" content="noindex,nofollow"></head><body>\
                <div class="main-wrapper" role="main"><div class="main-content">\
                <h1 class="zone-name-title h1">hix.ai</h1>\
                <h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>\
                <noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript></div></div>\
                <script>(function(){window._cf_chl_opt={cvId: '3',cZone: "hix.ai",cType: 'managed',\
                cRay: '%s',cH: 'simulated'};var cpo=document.createElement('script');\
                cpo.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=%s';\
                document.getElementsByTagName('head')[0].appendChild(cpo);}());</script></body></html>"""
                .formatted(ray, ray);
    }

    static String block(String ray) {
        return """
                <!DOCTYPE html><html class="no-js" lang="en-US"><head>\
                <title>Attention Required! | Cloudflare</title><meta charset="UTF-8" /></head><body>\
                <div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper">\
                <div class="cf-wrapper cf-header cf-error-overview"><h1 data-translate="block_headline">\
                Sorry, you have been blocked</h1><h2 class="cf-subheadline">\
                <span data-translate="unable_to_access">You are unable to access</span> hix.ai</h2></div>\
                <div class="cf-section cf-wrapper"><p>This website is using a security service to protect itself \
                from online attacks.</p></div><div class="cf-error-footer cf-wrapper"><p>\
                <span class="cf-footer-item">Cloudflare Ray ID: <strong class="font-semibold">%s</strong></span>\
                <span class="cf-footer-item">Performance &amp; security by Cloudflare</span></p></div></div></div>\
                </body></html>""".formatted(ray);
    }

    static String badGateway() {
        return "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                + "</center><hr><center>cloudflare</center></body></html>";
    }

    static String appShell() {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>HIX Chat</title></head>"
                + "<body><div id=\"__next\"></div><script id=\"__NEXT_DATA__\" type=\"application/json\">"
                + "{\"props\":{},\"page\":\"/chat\"}</script></body></html>";
    }
}
