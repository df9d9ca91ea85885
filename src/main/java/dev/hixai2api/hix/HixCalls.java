package dev.hixai2api.hix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.hixai2api.config.GatewayProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;
import org.springframework.stereotype.Component;

/**
 * Prepares each HixAI HTTP call on the exchange and reads its answer back: the steps around the camel-http
 * endpoints of {@link HixRoutes}. Failures are classified and thrown.
 */
@Component
public class HixCalls {

    /** The presigned URL between the two steps of an upload, private to the hix-upload route. */
    private static final String UPLOAD_URL = "hixUploadUrl";
    private static final String UPLOAD = "hixUpload";
    private static final DateTimeFormatter UPLOAD_NAME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final HixAdaptor adaptor;
    private final String baseUrl;

    public HixCalls(HixAdaptor adaptor, GatewayProperties properties) {
        this.adaptor = adaptor;
        this.baseUrl = properties.hixBaseUrl();
    }

    public void prepareCreateChat(Exchange exchange) {
        HixRequest.NewChat call = exchange.getMessage().getBody(HixRequest.NewChat.class);
        json(exchange, call.token(), baseUrl + "/" + call.modelName(), "batch=1", adaptor.createChatBody(call.botId()));
    }

    /** The body becomes the new chat's id. */
    public void readCreateChat(Exchange exchange) {
        exchange.getMessage().setBody(adaptor.chatId(status(exchange), contentType(exchange), bodyText(exchange)));
    }

    public void prepareChat(Exchange exchange) {
        HixRequest.Question call = exchange.getMessage().getBody(HixRequest.Question.class);
        Message message = headers(exchange, call.token(),
                baseUrl + "/" + call.modelName() + "?/id=" + call.chatId(), "text/event-stream");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(adaptor.chatBody(call.chatId(), call.question(), call.fileUrl(), call.searchType()));
    }

    /** Leaves the SSE body as the message body, or classifies whatever came instead. */
    public void readChat(Exchange exchange) {
        String contentType = contentType(exchange);
        if (status(exchange) == 200 && contentType != null
                && contentType.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
            return;
        }
        throw adaptor.classify(status(exchange),
                exchange.getMessage().getHeader("cf-mitigated", String.class), contentType, bodyText(exchange));
    }

    public void prepareSign(Exchange exchange) {
        HixRequest.Upload upload = exchange.getMessage().getBody(HixRequest.Upload.class);
        exchange.setVariable(UPLOAD, upload);
        String filename = LocalDateTime.now(ZoneOffset.UTC).format(UPLOAD_NAME) + "." + upload.extension();
        json(exchange, upload.token(), baseUrl + "/home?id=" + upload.chatId(), null, adaptor.signBody(filename));
    }

    public void readSign(Exchange exchange) {
        exchange.setVariable(UPLOAD_URL, adaptor.signedUrl(status(exchange), contentType(exchange), bodyText(exchange)));
    }

    /** The file goes straight to the presigned URL: no HixAI cookie or header travels with it. */
    public void preparePut(Exchange exchange) {
        HixRequest.Upload upload = exchange.getVariable(UPLOAD, HixRequest.Upload.class);
        String url = exchange.getVariable(UPLOAD_URL, String.class);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.PUT);
        message.setHeader(Exchange.HTTP_URI, HixAdaptor.fileUrl(url));
        int query = url.indexOf('?');
        if (query >= 0) {
            message.setHeader(Exchange.HTTP_QUERY, url.substring(query + 1));
        }
        message.setHeader(Exchange.CONTENT_TYPE, upload.mimeType());
        message.setBody(upload.bytes());
    }

    /** The body becomes the uploaded file's URL. */
    public void readPut(Exchange exchange) {
        int status = status(exchange);
        bodyText(exchange); // read to release the connection
        if (status != 200) {
            throw new HixFailureException(FailureClass.TRANSIENT, "the file upload answered HTTP " + status);
        }
        String url = HixAdaptor.fileUrl(exchange.getVariable(UPLOAD_URL, String.class));
        exchange.removeVariable(UPLOAD);
        exchange.removeVariable(UPLOAD_URL);
        exchange.getMessage().setBody(url);
    }

    public void prepareUsage(Exchange exchange) {
        HixRequest.Usage call = exchange.getMessage().getBody(HixRequest.Usage.class);
        Message message = headers(exchange, call.token(), baseUrl + "/", "application/json");
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.GET);
        message.setHeader(Exchange.HTTP_QUERY, HixAdaptor.USAGE_QUERY);
        message.setBody(null);
    }

    public Credits readUsage(Exchange exchange) {
        return adaptor.credits(status(exchange), contentType(exchange), bodyText(exchange));
    }

    public void prepareDeleteChat(Exchange exchange) {
        HixRequest.DeleteChat call = exchange.getMessage().getBody(HixRequest.DeleteChat.class);
        json(exchange, call.token(), baseUrl + "/", "batch=1", adaptor.deleteChatBody(call.chatId()));
    }

    public void readDeleteChat(Exchange exchange) {
        adaptor.deleted(status(exchange), contentType(exchange), bodyText(exchange));
    }

    private void json(Exchange exchange, String token, String referer, String query, String body) {
        Message message = headers(exchange, token, referer, "application/json");
        if (query != null) {
            message.setHeader(Exchange.HTTP_QUERY, query);
        }
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(body);
    }

    /** Only these headers go upstream: the client's own headers (its API key above all) never do. */
    private static Message headers(Exchange exchange, String token, String referer, String accept) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        // the type camel-http reads the header as: a String would go through the type converter on every call
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        message.setHeader("Cookie", HixAdaptor.SESSION_COOKIE + "=" + token);
        message.setHeader("Origin", originOf(referer));
        message.setHeader("Referer", referer);
        message.setHeader("User-Agent", USER_AGENT);
        message.setHeader("Accept", accept);
        return message;
    }

    private static String originOf(String url) {
        int pathStart = url.indexOf('/', url.indexOf("//") + 2);
        return pathStart < 0 ? url : url.substring(0, pathStart);
    }

    private static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 0 : status;
    }

    private static String contentType(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
    }

    /** Reads (at most 64 KB of) a small answer and releases its connection. */
    private static String bodyText(Exchange exchange) {
        InputStream body = exchange.getMessage().getBody(InputStream.class);
        if (body == null) {
            return "";
        }
        try (body) {
            return new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
