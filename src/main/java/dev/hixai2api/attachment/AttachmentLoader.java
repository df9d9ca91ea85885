package dev.hixai2api.attachment;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.core.Attachment;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import org.springframework.stereotype.Component;

/** Turns an attachment into bytes of an accepted kind: a data URI decoded, a URL fetched safely. */
@Component
public class AttachmentLoader {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final SafeUrlFetcher fetcher;
    private final long maxBytes;

    public AttachmentLoader(SafeUrlFetcher fetcher, GatewayProperties properties) {
        this.fetcher = fetcher;
        this.maxBytes = properties.attachmentMaxSize().toBytes();
    }

    public LoadedFile load(Attachment attachment) {
        byte[] bytes;
        boolean declaredText = false;
        if (attachment.isDataUri()) {
            String location = attachment.location();
            int comma = location.indexOf(',');
            if (comma < 0) {
                throw invalid("the data URI has no data (data:<type>;base64,<data>)");
            }
            String header = location.substring(5, comma).toLowerCase(Locale.ROOT);
            declaredText = header.startsWith("text/plain");
            bytes = header.endsWith(";base64") ? base64(location, comma + 1) : percentDecoded(location.substring(comma + 1));
        } else {
            bytes = fetcher.fetch(attachment.location());
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        boolean text = declaredText;
        return FileKind.detect(bytes, text)
                .map(kind -> new LoadedFile(bytes, kind))
                .orElseThrow(() -> new GatewayException(ErrorKind.INVALID_REQUEST, "unsupported_file_type", "messages",
                        "The attached file is of a kind HixAI does not accept. Accepted: " + FileKind.accepted() + "."));
    }

    private byte[] base64(String location, int start) {
        // decoded size is about three quarters of the encoded one: refuse before decoding a huge payload
        if ((location.length() - start) / 4L * 3 > maxBytes + 3) {
            throw tooLarge(maxBytes);
        }
        try {
            return Base64.getDecoder().decode(WHITESPACE.matcher(location.substring(start)).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw invalid("the data URI is not valid base64");
        }
    }

    private static byte[] percentDecoded(String data) {
        try {
            return URLDecoder.decode(data.replace("+", "%2B"), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("the data URI is not valid percent-encoding");
        }
    }

    static GatewayException tooLarge(long maxBytes) {
        return new GatewayException(ErrorKind.TOO_LARGE, "attachment_too_large", "messages",
                "The attached file is larger than the " + maxBytes + "-byte limit (ATTACHMENT_MAX_SIZE).");
    }

    private static GatewayException invalid(String why) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, "invalid_attachment", "messages",
                "The attachment could not be read: " + why + ".");
    }
}
