package dev.hixai2api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.e2e.GatewayTestSupport;
import dev.hixai2api.security.Secrets;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.TestPropertySource;

/**
 * Hostile input, table by table: huge bodies, deep nesting, wrong types everywhere, invalid UTF-8 and unicode
 * edge cases, invalid base64 and unsafe URLs, header injection in keys and cookies, path traversal and SQL
 * metacharacters in ids. Every refused case must answer the expected 4xx in the right error shape, without
 * echoing secrets or the huge input, leave every table as it was and send nothing to HixAI (a working cookie is
 * seeded, so a request that slipped through would reach the simulator).
 *
 * <p>Two tables hold inputs that are legal, however odd: SQL and path text in remarks is stored verbatim, and
 * odd-but-valid JSON text (unpaired surrogate escapes, a BOM, NUL escapes...) is served like any request.
 */
@TestPropertySource(properties = "MAX_BODY_SIZE=256KB")
class HostileInputE2ETest extends GatewayTestSupport {

    private static final int MAX_BODY = 256 * 1024;
    private static final String API_KEY = "sk-hostile-right-key-0001";
    /**
     * Each case seeds its own cookie, {@code tok-hostile-case-NNNNNN}: a background credit re-read left over from an
     * earlier case that was answered carries that case's token, and is told apart from this case's HixAI calls.
     */
    private static final String CASE_TOKEN_PREFIX = "tok-hostile-case-";
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final String NEW_TOKEN = "tok-hostile-new-0001";
    private static final String ADMIN = "Bearer " + BACKEND_SECRET;
    private static final String CHAT = "/v1/chat/completions";
    /** No error body needs more: a longer one echoes the input. */
    private static final int MAX_ERROR_BODY = 2048;
    /** A gateway that answers before the body ends does so in milliseconds on loopback. */
    private static final int ENDLESS_BODY_PATIENCE_MILLIS = 1_000;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private String cookieToken;
    private long cookieId;
    private long keyId;

    /** The base class awaits quiet before every case; its first poll would wait 100 ms (x ~400 cases). */
    @BeforeAll
    static void pollAtOnce() {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    }

    @AfterAll
    static void restoreAwaitility() {
        Awaitility.reset();
    }

    @BeforeEach
    void seedAWorkingGateway() {
        cookieToken = CASE_TOKEN_PREFIX + String.format("%06d", CASES.incrementAndGet());
        cookieId = seedCookie(cookieToken, 1000);
        seedApiKey(API_KEY);
        keyId = jdbc.sql("SELECT id FROM api_key").query(Long.class).single();
        jdbc.sql("INSERT INTO conversation (chat_id, cookie_id, model, context_hash, create_time, update_time) "
                        + "VALUES ('chat-hostile-1', :cookie, 'gpt-4o-mini', :hash, 1, 1)")
                .param("cookie", cookieId).param("hash", "0".repeat(64)).update();
    }

    // ------------------------------------------------------------------------------------------------ tables

    /** POST /v1/chat/completions with the right API key and a hostile body. */
    static Stream<Arguments> chatBodies() {
        String pad = "x".repeat(MAX_BODY);
        List<Case> cases = new ArrayList<>(List.of(
                // size
                v1("body over MAX_BODY_SIZE with Content-Length", userContent(q(pad))).status(413).code("request_too_large"),
                v1("body over MAX_BODY_SIZE chunked, without Content-Length", userContent(q(pad))).chunked().status(413)
                        .code("request_too_large"),
                v1("body of 1 MB chunked", userContent(q("y".repeat(1 << 20)))).chunked().status(413),
                v1("body one byte over MAX_BODY_SIZE", exactly(MAX_BODY + 1)).status(413),
                v1("empty body", "").status(400).param(null),
                v1("body of whitespace only", " \r\n\t ").status(400).param(null),
                // nesting
                v1("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000)).status(400).param(null),
                v1("10,000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).status(400).param(null),
                v1("10,000 nested arrays as content", userContent("[".repeat(10_000) + "]".repeat(10_000))).status(400)
                        .param(null),
                v1("10,000 nested objects in an unknown field",
                        "{\"model\":\"gpt-4o-mini\",\"x\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)
                                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").status(400).param(null),
                v1("unknown field nested 900 deep (read, then refused as unknown)",
                        "{\"model\":\"gpt-4o-mini\",\"x\":" + "[".repeat(900) + "]".repeat(900) + "," + HI + "}")
                        .status(400).param("x"),
                v1("100,000 unclosed arrays", "[".repeat(100_000)).status(400).param(null),
                // top level of the wrong type
                v1("top level array", "[{\"model\":\"gpt-4o-mini\"}]").status(400).param(null),
                v1("top level string", "\"gpt-4o-mini\"").status(400).param(null),
                v1("top level number", "42").status(400).param(null),
                v1("top level null", "null").status(400).param(null),
                v1("top level true", "true").status(400).param(null),
                // messages
                v1("messages a number", chat("42")).status(400).param("messages"),
                v1("messages a string", chat("\"hi\"")).status(400).param("messages"),
                v1("messages an object", chat("{\"role\":\"user\",\"content\":\"hi\"}")).status(400).param("messages"),
                v1("messages null", chat("null")).status(400).param("messages"),
                v1("messages true", chat("true")).status(400).param("messages"),
                v1("messages [null]", chat("[null]")).status(400).param("messages[0]"),
                v1("messages [1]", chat("[1]")).status(400).param("messages[0]"),
                v1("messages [\"hi\"]", chat("[\"hi\"]")).status(400).param("messages[0]"),
                v1("messages [[]]", chat("[[]]")).status(400).param("messages[0]"),
                // content
                v1("content a number", userContent("7")).status(400).param("messages[0].content"),
                v1("content a boolean", userContent("true")).status(400).param("messages[0].content"),
                v1("content a nested object", userContent("{\"text\":{\"text\":\"hi\"}}")).status(400)
                        .param("messages[0].content"),
                v1("content part a number", userContent("[1]")).status(400).param("messages[0].content[0]"),
                v1("content part null", userContent("[null]")).status(400).param("messages[0].content[0]"),
                v1("content part type a number", userContent("[{\"type\":5,\"text\":\"hi\"}]")).status(400)
                        .param("messages[0].content[0]"),
                v1("content part text a number", userContent("[{\"type\":\"text\",\"text\":5}]")).status(400)
                        .param("messages[0].content[0].text"),
                v1("content part text missing", userContent("[{\"type\":\"text\"}]")).status(400)
                        .param("messages[0].content[0].text"),
                v1("content part of an unknown type", userContent("[{\"type\":\"input_audio\",\"input_audio\":{}}]"))
                        .status(400).param("messages[0].content[0]").code("unsupported_content_part"),
                v1("image_url a number", userContent("[{\"type\":\"image_url\",\"image_url\":5}]")).status(400)
                        .param("messages[0].content[0].image_url"),
                v1("image_url url empty", userContent("[{\"type\":\"image_url\",\"image_url\":{\"url\":\"\"}}]"))
                        .status(400).param("messages[0].content[0].image_url.url"),
                v1("image_url url a number", userContent("[{\"type\":\"image_url\",\"image_url\":{\"url\":7}}]"))
                        .status(400).param("messages[0].content[0].image_url.url"),
                v1("file part a string", userContent("[{\"type\":\"file\",\"file\":\"x\"}]")).status(400)
                        .param("messages[0].content[0].file"),
                // role
                v1("role an array", chat("[{\"role\":[\"user\"],\"content\":\"hi\"}]")).status(400)
                        .param("messages[0].role"),
                v1("role a number", chat("[{\"role\":1,\"content\":\"hi\"}]")).status(400).param("messages[0].role"),
                v1("role null", chat("[{\"role\":null,\"content\":\"hi\"}]")).status(400).param("messages[0].role"),
                v1("role missing", chat("[{\"content\":\"hi\"}]")).status(400).param("messages[0].role"),
                v1("role root", chat("[{\"role\":\"root\",\"content\":\"hi\"}]")).status(400).param("messages[0].role"),
                v1("role with NUL", chat("[{\"role\":\"user\\u0000\",\"content\":\"hi\"}]")).status(400)
                        .param("messages[0].role"),
                v1("role User", chat("[{\"role\":\"User\",\"content\":\"hi\"}]")).status(400).param("messages[0].role"),
                // model
                v1("model an object", withModel("{\"name\":\"gpt-4o-mini\"}")).status(400).param("model"),
                v1("model an array", withModel("[\"gpt-4o-mini\"]")).status(400).param("model"),
                v1("model a number", withModel("4")).status(400).param("model"),
                v1("model empty", withModel("\"\"")).status(400).param("model"),
                v1("model blank", withModel("\"   \"")).status(400).param("model"),
                v1("model null", withModel("null")).status(400).param("model"),
                v1("model of 10 KB", withModel(q("m".repeat(10 * 1024)))).status(404).param("model")
                        .code("model_not_found"),
                v1("model with path traversal", withModel(q("../../etc/passwd"))).status(404).param("model"),
                v1("model with SQL", withModel(q("gpt-4o-mini' OR '1'='1"))).status(404).param("model"),
                v1("model with CR/LF", withModel(q("gpt-4o-mini\r\nX-Injected: 1"))).status(404).param("model"),
                // stream
                v1("stream \"true\" as a string", "{\"model\":\"gpt-4o-mini\",\"stream\":\"true\"," + HI + "}")
                        .status(400).param("stream"),
                v1("stream 1", "{\"model\":\"gpt-4o-mini\",\"stream\":1," + HI + "}").status(400).param("stream"),
                v1("stream_options an array", "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":[]," + HI + "}")
                        .status(400).param("stream_options"),
                v1("stream_options a string", "{\"model\":\"gpt-4o-mini\",\"stream_options\":\"usage\"," + HI + "}")
                        .status(400).param("stream_options"),
                v1("include_usage \"true\" as a string",
                        "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":\"true\"}," + HI + "}")
                        .status(400).param("stream_options.include_usage"),
                // invalid UTF-8
                v1("invalid UTF-8 0xC3 0x28 in content", contentBytes(0xC3, 0x28)).status(400).param(null),
                v1("invalid UTF-8 lone 0xFF in content", contentBytes(0xFF)).status(400).param(null),
                v1("invalid UTF-8 lone 0xFE in content", contentBytes(0xFE)).status(400).param(null),
                v1("invalid UTF-8 lone continuation 0x80", contentBytes(0x80)).status(400).param(null),
                v1("invalid UTF-8 truncated 0xE2 0x82 before the quote", contentBytes(0xE2, 0x82)).status(400).param(null),
                v1("invalid UTF-8 in the model", bytes("{\"model\":\"gpt-4o-mini", raw(0xFF), "\"," + HI + "}"))
                        .status(400).param(null),
                v1("invalid UTF-8 in a field name", bytes("{\"mo", raw(0xC3, 0x28), "del\":1,\"model\":\"gpt-4o-mini\"," + HI + "}"))
                        .status(400).param(null),
                v1("overlong UTF-8 '/' 0xC0 0xAF", contentBytes(0xC0, 0xAF)).status(400).param(null),
                v1("overlong UTF-8 quote 0xC0 0xA2", contentBytes(0xC0, 0xA2)).status(400).param(null),
                v1("overlong UTF-8 0xC1 0xBF", contentBytes(0xC1, 0xBF)).status(400).param(null),
                v1("overlong UTF-8 three bytes 0xE0 0x80 0xAF", contentBytes(0xE0, 0x80, 0xAF)).status(400).param(null),
                v1("overlong UTF-8 four bytes 0xF0 0x80 0x80 0xAF", contentBytes(0xF0, 0x80, 0x80, 0xAF)).status(400)
                        .param(null),
                v1("UTF-8 encoded surrogate 0xED 0xA0 0x80", contentBytes(0xED, 0xA0, 0x80)).status(400).param(null),
                v1("UTF-8 beyond U+10FFFF 0xF4 0x90 0x80 0x80", contentBytes(0xF4, 0x90, 0x80, 0x80)).status(400)
                        .param(null),
                v1("five-byte UTF-8 0xF8 0x88 0x80 0x80 0x80", contentBytes(0xF8, 0x88, 0x80, 0x80, 0x80)).status(400)
                        .param(null),
                // raw control characters
                v1("raw NUL byte inside a string", contentBytes(0x00)).status(400).param(null),
                v1("raw NUL byte before the JSON", bytes(raw(0x00), chatBody("gpt-4o-mini", false, "hi"))).status(400)
                        .param(null),
                v1("raw ESC byte inside a string", contentBytes(0x1B)).status(400).param(null),
                v1("raw line feed inside a string", contentBytes(0x0A)).status(400).param(null),
                // not JSON
                v1("a comment", "/* hi */" + chatBody("gpt-4o-mini", false, "hi")).status(400).param(null),
                v1("single quotes", "{'model':'gpt-4o-mini','messages':[{'role':'user','content':'hi'}]}").status(400)
                        .param(null),
                v1("NaN", "{\"model\":\"gpt-4o-mini\",\"temperature\":NaN," + HI + "}").status(400).param(null),
                v1("trailing comma", "{\"model\":\"gpt-4o-mini\"," + HI + ",}").status(400).param(null),
                v1("unquoted field name", "{model:\"gpt-4o-mini\"," + HI + "}").status(400).param(null),
                v1("trailing garbage after the object", chatBody("gpt-4o-mini", false, "hi") + "garbage").status(400)
                        .param(null),
                v1("two concatenated objects", chatBody("gpt-4o-mini", false, "hi") + chatBody("gpt-4o", false, "hi"))
                        .status(400).param(null),
                v1("a number of 2,000 digits", "{\"model\":\"gpt-4o-mini\",\"max_tokens\":" + "9".repeat(2000) + "," + HI + "}")
                        .status(400).param(null),
                v1("a field name of 60,000 characters", "{\"" + "f".repeat(60_000) + "\":1,\"model\":\"gpt-4o-mini\"," + HI + "}")
                        .status(400).param(null),
                v1("form-encoded body", "model=gpt-4o-mini&messages=hi")
                        .header("Content-Type", "application/x-www-form-urlencoded").status(400).param(null),
                v1("gzip-encoded body", gzip(chatBody("gpt-4o-mini", false, "x".repeat(100_000))))
                        .header("Content-Encoding", "gzip").status(400, 413, 415),
                // attachments
                v1("image_url data URI with invalid base64", imageUrl("data:image/png;base64,!!!not*base64!!!"))
                        .status(400).param("messages").code("invalid_attachment"),
                v1("image_url data URI of padding only", imageUrl("data:image/png;base64,====")).status(400)
                        .param("messages").code("invalid_attachment"),
                v1("image_url data URI without data", imageUrl("data:image/png;base64")).status(400).param("messages")
                        .code("invalid_attachment"),
                v1("image_url data URI with bad percent-encoding", imageUrl("data:text/plain,%zz%")).status(400)
                        .param("messages").code("invalid_attachment"),
                v1("image_url javascript: URL", imageUrl("javascript:alert(document.cookie)")).status(400)
                        .param("messages").code("invalid_attachment_url"),
                v1("image_url file:///etc/passwd", imageUrl("file:///etc/passwd")).status(400).param("messages")
                        .code("invalid_attachment_url"),
                v1("image_url jar:file: URL", imageUrl("jar:file:///etc/passwd!/x")).status(400).param("messages")
                        .code("invalid_attachment_url"),
                v1("image_url ftp: URL", imageUrl("ftp://127.0.0.1/etc/passwd")).status(400).param("messages")
                        .code("invalid_attachment_url"),
                v1("image_url gopher: URL", imageUrl("gopher://127.0.0.1:25/_HELO")).status(400).param("messages")
                        .code("invalid_attachment_url"),
                v1("image_url without a host", imageUrl("http:///etc/passwd")).status(400).param("messages")
                        .code("invalid_attachment_url"),
                v1("image_url of the gateway's own admin API", imageUrl("http://127.0.0.1:{port}/api/key/all"))
                        .status(400).param("messages").code("invalid_attachment_url"),
                v1("image_url of the cloud metadata address", imageUrl("http://169.254.169.254/latest/meta-data/"))
                        .status(400).param("messages").code("invalid_attachment_url"),
                v1("image_url of loopback as a decimal number", imageUrl("http://2130706433:{port}/api/key/all"))
                        .status(400).param("messages").code("invalid_attachment_url"),
                v1("image_url of IPv6 loopback", imageUrl("http://[::1]:{port}/api/key/all")).status(400)
                        .param("messages").code("invalid_attachment_url"),
                v1("image_url with an out-of-range port", imageUrl("http://127.0.0.1:99999/x")).status(400)
                        .param("messages").code("invalid_attachment_url"),
                v1("image_url as a bare javascript: string",
                        userContent("[{\"type\":\"image_url\",\"image_url\":\"javascript:alert(1)\"}]")).status(400)
                        .param("messages").code("invalid_attachment_url"),
                v1("file_data a file: URL",
                        userContent("[{\"type\":\"file\",\"file\":{\"file_data\":\"file:///etc/passwd\",\"filename\":\"../../x\"}}]"))
                        .status(400).param("messages[0].content[0].file.file_data"),
                // many messages
                v1("16,000 tiny messages and a bad last role", manyMessages(16_000, "{\"role\":\"user\"}",
                        "{\"role\":\"boss\"}")).status(400).param("messages[16000].role"),
                v1("50,000 empty message objects", manyMessages(49_999, "{}", "{}")).status(400).param("messages[0].role")));
        return cases.stream().map(Case::arguments);
    }

    /** Legal however odd: must answer 200 (never 5xx); these may reach HixAI. */
    static Stream<Arguments> oddButLegalChatBodies() {
        return Stream.of(
                v1("unpaired high surrogate escape \\uD800", userContent("\"a\\uD800b\"")),
                v1("unpaired low surrogate escape \\uDC00", userContent("\"a\\uDC00b\"")),
                v1("reversed surrogate pair escapes", userContent("\"\\uDC00\\uD800\"")),
                v1("escaped NUL in content", userContent("\"a\\u0000b\"")),
                v1("escaped control characters (ANSI escape)", userContent("\"\\u001b[31mred\\u001b[0m\\u0007\"")),
                v1("UTF-8 BOM before the JSON", bytes(raw(0xEF, 0xBB, 0xBF), chatBody("gpt-4o-mini", false, "hi"))),
                v1("BOM and right-to-left override inside content", userContent(q("a\uFEFFb\u202Egnp.exe"))),
                v1("noncharacters U+FFFE U+FFFF", userContent("\"\\uFFFE\\uFFFF\"")),
                v1("1,000 combining marks", userContent(q("Z" + "\u0336".repeat(1000)))),
                v1("emoji, ZWJ sequences and supplementary planes", userContent(q("👩‍👩‍👧‍👦 𝕳𝖎𝖝 \uD83D\uDE00 中文"))),
                v1("SQL text in content", userContent(q("'; DROP TABLE conversation; --"))),
                v1("path text in content", userContent(q("../../../../etc/passwd"))),
                v1("8,000 tiny messages (the oldest are dropped)",
                        manyMessages(7_999, "{\"role\":\"user\",\"content\":\"a\"}", "{\"role\":\"user\",\"content\":\"a\"}")),
                v1("3,000 text parts in one message", userContent("[" + String.join(",",
                        java.util.Collections.nCopies(3_000, "{\"type\":\"text\",\"text\":\"a\"}")) + "]")),
                v1("Content-Type text/plain", chatBody("gpt-4o-mini", false, "hi")).header("Content-Type", "text/plain"),
                v1("model with surrounding whitespace", withModel("\" gpt-4o-mini \"")),
                v1("Content-Type with an unknown charset", chatBody("gpt-4o-mini", false, "hi"))
                        .header("Content-Type", "application/json; charset=x-hostile-9"),
                v1("Content-Type charset=UTF-16 on a UTF-8 body", chatBody("gpt-4o-mini", false, "hi"))
                        .header("Content-Type", "application/json; charset=UTF-16"))
                .map(Case::arguments);
    }

    /** The Authorization header of /v1 once a key is stored. */
    static Stream<Arguments> apiKeyHeaders() {
        String right = API_KEY;
        return Stream.of(
                v1("no Authorization header", HI_BODY).noAuth().status(401).code("invalid_api_key"),
                v1("empty Authorization header", HI_BODY).auth("").status(401),
                v1("Bearer without a key", HI_BODY).auth("Bearer").status(401),
                v1("Basic credentials", HI_BODY).auth("Basic " + base64("admin:" + right)).status(401),
                v1("Bearer twice", HI_BODY).auth("Bearer Bearer " + right).status(401),
                v1("a wrong key", HI_BODY).auth("Bearer sk-hostile-wrong-key-0002").status(401),
                v1("the right key upper-cased", HI_BODY).auth("Bearer " + right.toUpperCase(Locale.ROOT)).status(401),
                v1("the right key and one more character", HI_BODY).auth("Bearer " + right + "x").status(401),
                v1("the right key but its last character", HI_BODY).auth("Bearer " + right.substring(0, right.length() - 1))
                        .status(401),
                v1("the right key split by a space", HI_BODY).auth("Bearer sk-hostile right-key-0001").status(401),
                v1("SQL as the key", HI_BODY).auth("' OR 1=1 --").status(401),
                v1("SQL after Bearer", HI_BODY).auth("Bearer ' OR '1'='1").status(401),
                v1("path traversal as the key", HI_BODY).auth("Bearer ../../etc/passwd").status(401),
                v1("percent-encoded CR/LF in the key", HI_BODY).auth("Bearer " + right + "%0d%0aX-Injected:%201")
                        .status(401),
                v1("a key of 7 KB", HI_BODY).auth("Bearer sk-" + "k".repeat(7 * 1024)).status(401),
                v1("a key of 10 KB (over the header limit)", HI_BODY).auth("Bearer sk-" + "k".repeat(10 * 1024))
                        .status(400, 401, 431).containerMayAnswer(),
                v1("a key of 100 KB", HI_BODY).auth("Bearer sk-" + "k".repeat(100 * 1024)).status(400, 431)
                        .containerMayAnswer(),
                v1("a Latin-1 non-ASCII key", HI_BODY).auth("Bearer sk-hóstile-kéy-0001").status(401),
                v1("the right key and a Latin-1 character", HI_BODY).auth("Bearer " + right + "é").status(401),
                v1("the backend secret instead of a key", HI_BODY).auth(ADMIN).status(401),
                v1("the right key only in the query string", HI_BODY).noAuth().path(CHAT + "?Authorization=Bearer%20" + right)
                        .status(401),
                v1("a wrong key in the header, the right key in the query string", HI_BODY)
                        .auth("Bearer sk-hostile-wrong-key-0002").path(CHAT + "?Authorization=Bearer%20" + right).status(401),
                v1("duplicate Authorization headers, wrong then right", HI_BODY)
                        .auth("Bearer sk-hostile-wrong-key-0002").header("Authorization", "Bearer " + right).status(400, 401),
                getCase("GET /v1/models with a wrong key", "/v1/models").auth("Bearer sk-hostile-wrong-key-0002").status(401),
                getCase("GET /v1/models with a key of 10 KB", "/v1/models").auth("Bearer sk-" + "k".repeat(10 * 1024))
                        .status(400, 401, 431).containerMayAnswer())
                .map(Case::arguments);
    }

    /** Authorization values java.net.http refuses to send (CR, LF, NUL, DEL, raw UTF-8): over a raw socket. */
    static Stream<Arguments> rawAuthorizationHeaders() {
        String right = API_KEY;
        return Stream.of(
                rawCase("CR/LF then an injected header, after a wrong key",
                        bytes("Authorization: Bearer sk-hostile-wrong-key-0002\r\nX-Injected: 1\r\n")).status(401),
                rawCase("a bare CR after the right key", bytes("Authorization: Bearer " + right + "\rX-Injected: 1\r\n"))
                        .status(400, 401),
                rawCase("a bare LF smuggling a second Authorization",
                        bytes("Authorization: Bearer sk-hostile-wrong-key-0002\nAuthorization: Bearer " + right + "\r\n"))
                        .status(400, 401),
                rawCase("an obs-fold splitting the right key",
                        bytes("Authorization: Bearer sk-hostile-ri\r\n ght-key-0001\r\n")).status(400, 401),
                rawCase("NUL after the right key", bytes("Authorization: Bearer " + right, raw(0x00), "X\r\n"))
                        .status(400, 401),
                rawCase("DEL after the right key", bytes("Authorization: Bearer " + right, raw(0x7F), "\r\n"))
                        .status(400, 401),
                rawCase("a UTF-8 non-ASCII key", bytes("Authorization: Bearer sk-ключ-хостайл-0001\r\n")).status(401),
                rawCase("the right key and UTF-8 bytes", bytes("Authorization: Bearer " + right + "é\r\n")).status(401),
                rawCase("a space before the colon", bytes("Authorization : Bearer " + right + "\r\n")).status(400, 401),
                rawCase("the key in the query string of the request line", bytes(""))
                        .requestLine("POST " + CHAT + "?Authorization=Bearer%20" + right + " HTTP/1.1").status(401))
                .map(Case::arguments);
    }

    /**
     * Bodies that never end (the last chunk, or the rest of a declared length, never comes): the gateway must
     * answer as soon as it knows the answer (wrong credentials, or the cap passed) instead of reading on.
     */
    static Stream<Arguments> unendingBodies() {
        String key = "Authorization: Bearer " + API_KEY + "\r\n";
        String admin = "Authorization: " + ADMIN + "\r\n";
        return Stream.of(
                rawCase("/v1 chunked over MAX_BODY_SIZE, right key", bytes(key)).endlessBody(MAX_BODY + 64 * 1024, 0)
                        .status(413).code("request_too_large"),
                rawCase("/v1 chunked, no key", bytes("")).endlessBody(64 * 1024, 0).status(401).code("invalid_api_key"),
                rawCase("/v1 Content-Length of 1 GB declared, right key", bytes(key)).endlessBody(64 * 1024, 1L << 30)
                        .status(413).code("request_too_large"),
                rawCase("/api/key chunked over 64 KB, right secret", bytes(admin)).requestLine("PUT /api/key HTTP/1.1")
                        .shape(Shape.ADMIN).endlessBody(128 * 1024, 0).status(413),
                rawCase("/api/cookie Content-Length of 1 GB declared, no secret", bytes(""))
                        .requestLine("PUT /api/cookie HTTP/1.1").shape(Shape.ADMIN).endlessBody(64 * 1024, 1L << 30).status(401))
                .map(Case::arguments);
    }

    /** The admin API with the right secret and a hostile body or id. */
    static Stream<Arguments> adminInput() {
        List<Case> cases = new ArrayList<>();
        // PUT /api/cookie
        cases.addAll(List.of(
                admin("PUT cookie with CR/LF and an injected header", "PUT", "/api/cookie", cookie(NEW_TOKEN + "\r\nX-Injected: 1")).status(400),
                admin("PUT cookie with '; other=1'", "PUT", "/api/cookie", cookie(NEW_TOKEN + "; other=1")).status(400),
                admin("PUT cookie with %0d%0a", "PUT", "/api/cookie", cookie(NEW_TOKEN + "%0d%0aX-Injected:%201")).status(400),
                admin("PUT cookie header holding %0d%0a", "PUT", "/api/cookie",
                        cookie("__Secure-next-auth.session-token=" + NEW_TOKEN + "%0D%0ASet-Cookie:%20x=1; other=1")).status(400),
                admin("PUT Cookie: header with CR/LF", "PUT", "/api/cookie",
                        cookie("Cookie: __Secure-next-auth.session-token=" + NEW_TOKEN + "\r\nX-Injected: 1")).status(400),
                admin("PUT cookie of 100 KB", "PUT", "/api/cookie", cookie("t".repeat(100 * 1024))).status(413),
                admin("PUT cookie of 60 KB", "PUT", "/api/cookie", cookie("t".repeat(60 * 1024))).status(400),
                admin("PUT cookie with unicode", "PUT", "/api/cookie", cookie("tök-hostile-ünïcode-0001")).status(400),
                admin("PUT cookie with emoji", "PUT", "/api/cookie", cookie("tok-hostile-😀-0001")).status(400),
                admin("PUT cookie in fullwidth letters", "PUT", "/api/cookie", cookie("ｔｏｋ－ｈｏｓｔｉｌｅ－０００１")).status(400),
                admin("PUT cookie with NUL", "PUT", "/api/cookie", cookie(NEW_TOKEN + "\u0000X")).status(400),
                admin("PUT cookie with invalid percent-encoding %zz", "PUT", "/api/cookie", cookie("tok-hostile-%zz-0001"))
                        .status(400),
                admin("PUT cookie ending in a lone %", "PUT", "/api/cookie", cookie("tok-hostile-0001%")).status(400),
                admin("PUT cookie with percent-encoded overlong UTF-8", "PUT", "/api/cookie", cookie("tok-hostile-%C0%AF-0001"))
                        .status(400),
                admin("PUT cookie with SQL", "PUT", "/api/cookie", cookie("tok' OR '1'='1' --")).status(400),
                admin("PUT cookie a number", "PUT", "/api/cookie", "{\"cookie\":12345678901234}").status(400),
                admin("PUT cookie an array", "PUT", "/api/cookie", "{\"cookie\":[\"" + NEW_TOKEN + "\"]}").status(400),
                admin("PUT cookie an object", "PUT", "/api/cookie", "{\"cookie\":{\"value\":\"" + NEW_TOKEN + "\"}}").status(400),
                admin("PUT cookie missing", "PUT", "/api/cookie", "{\"remark\":\"x\"}").status(400),
                admin("PUT cookie null", "PUT", "/api/cookie", "{\"cookie\":null}").status(400),
                admin("PUT cookie blank", "PUT", "/api/cookie", "{\"cookie\":\"   \"}").status(400),
                admin("PUT cookie with a remark holding CR/LF", "PUT", "/api/cookie",
                        "{\"cookie\":\"" + NEW_TOKEN + "\",\"remark\":\"a\\r\\nX-Injected: 1\"}").status(400),
                admin("PUT cookie with a remark of 1 KB", "PUT", "/api/cookie",
                        "{\"cookie\":\"" + NEW_TOKEN + "\",\"remark\":\"" + "r".repeat(1024) + "\"}").status(400),
                admin("PUT cookie with invalid UTF-8", "PUT", "/api/cookie", bytes("{\"cookie\":\"tok-hostile-", raw(0xFF), "0001\"}"))
                        .status(400),
                admin("PUT cookie body an array", "PUT", "/api/cookie", "[{\"cookie\":\"" + NEW_TOKEN + "\"}]").status(400),
                admin("PUT cookie body a string", "PUT", "/api/cookie", q(NEW_TOKEN)).status(400),
                admin("PUT cookie body null", "PUT", "/api/cookie", "null").status(400),
                admin("PUT cookie body not JSON", "PUT", "/api/cookie", "cookie=" + NEW_TOKEN).status(400),
                admin("PUT cookie body empty", "PUT", "/api/cookie", "").status(400),
                admin("PUT cookie body 10,000 deep", "PUT", "/api/cookie", "{\"cookie\":\"" + NEW_TOKEN + "\",\"x\":"
                        + "[".repeat(10_000) + "]".repeat(10_000) + "}").status(400)));
        // PUT /api/key
        cases.addAll(List.of(
                admin("PUT key with spaces", "PUT", "/api/key", key("sk-hostile key with spaces")).status(400),
                admin("PUT key with CR/LF", "PUT", "/api/key", key("sk-hostile-0002\r\nX-Injected: 1")).status(400),
                admin("PUT key ' OR 1=1 --", "PUT", "/api/key", key("' OR 1=1 --")).status(400),
                admin("PUT key sk-' OR '1'='1' --", "PUT", "/api/key", key("sk-' OR '1'='1' --")).status(400),
                admin("PUT key of 10 KB", "PUT", "/api/key", key("sk-" + "k".repeat(10 * 1024))).status(400),
                admin("PUT key of 513 characters", "PUT", "/api/key", key("k".repeat(513))).status(400),
                admin("PUT key of 100 KB", "PUT", "/api/key", key("k".repeat(100 * 1024))).status(413),
                admin("PUT key with unicode", "PUT", "/api/key", key("sk-ключ-хостайл-0002")).status(400),
                admin("PUT key with NUL", "PUT", "/api/key", key("sk-hostile\u0000-0002")).status(400),
                admin("PUT key with a tab", "PUT", "/api/key", key("sk-hostile\t-0002")).status(400),
                admin("PUT key with DEL", "PUT", "/api/key", key("sk-hostile\u007F-0002")).status(400),
                admin("PUT key of 7 characters", "PUT", "/api/key", key("sk-1234")).status(400),
                admin("PUT key already stored", "PUT", "/api/key", key(API_KEY)).status(400),
                admin("PUT key a number", "PUT", "/api/key", "{\"apiKey\":1234567890123}").status(400),
                admin("PUT key a boolean", "PUT", "/api/key", "{\"apiKey\":true}").status(400),
                admin("PUT key an array", "PUT", "/api/key", "{\"apiKey\":[\"sk-hostile-0002\"]}").status(400),
                admin("PUT key an object", "PUT", "/api/key", "{\"apiKey\":{\"k\":\"sk-hostile-0002\"}}").status(400),
                admin("PUT key missing", "PUT", "/api/key", "{\"remark\":\"x\"}").status(400),
                admin("PUT key null", "PUT", "/api/key", "{\"apiKey\":null}").status(400),
                admin("PUT key empty", "PUT", "/api/key", "{\"apiKey\":\"\"}").status(400),
                admin("PUT key with a remark of 1 KB", "PUT", "/api/key", keyRemark("r".repeat(1024))).status(400),
                admin("PUT key with a remark holding CR/LF", "PUT", "/api/key", keyRemark("a\r\nX-Injected: 1")).status(400),
                admin("PUT key with a remark holding NUL", "PUT", "/api/key", keyRemark("a\u0000b")).status(400),
                admin("PUT key with a remark holding a tab", "PUT", "/api/key", keyRemark("a\tb")).status(400),
                admin("PUT key with a remark holding DEL", "PUT", "/api/key", keyRemark("a\u007Fb")).status(400),
                admin("PUT key with a remark holding NEL U+0085", "PUT", "/api/key", keyRemark("a\u0085b")).status(400),
                admin("PUT key with a remark holding an ANSI escape", "PUT", "/api/key", keyRemark("\u001B[31mred")).status(400),
                admin("PUT key with a remark holding an unpaired surrogate", "PUT", "/api/key",
                        "{\"apiKey\":\"sk-hostile-0002\",\"remark\":\"a\\uD800b\"}").status(400),
                admin("PUT key with a remark in overlong UTF-8", "PUT", "/api/key",
                        bytes("{\"apiKey\":\"sk-hostile-0002\",\"remark\":\"a", raw(0xC0, 0xA7), " OR 1=1\"}")).status(400),
                admin("PUT key with a remark in invalid UTF-8", "PUT", "/api/key",
                        bytes("{\"apiKey\":\"sk-hostile-0002\",\"remark\":\"a", raw(0xFF), "\"}")).status(400),
                admin("PUT key with a remark a number", "PUT", "/api/key", "{\"apiKey\":\"sk-hostile-0002\",\"remark\":42}")
                        .status(400),
                admin("PUT key with a remark an object", "PUT", "/api/key",
                        "{\"apiKey\":\"sk-hostile-0002\",\"remark\":{\"a\":1}}").status(400),
                admin("PUT key body an array", "PUT", "/api/key", "[" + key("sk-hostile-0002") + "]").status(400),
                admin("PUT key body a string", "PUT", "/api/key", q("sk-hostile-0002")).status(400),
                admin("PUT key body a number", "PUT", "/api/key", "42").status(400),
                admin("PUT key body null", "PUT", "/api/key", "null").status(400),
                admin("PUT key body not JSON", "PUT", "/api/key", "{apiKey: sk-hostile-0002").status(400),
                admin("PUT key body empty", "PUT", "/api/key", "").status(400),
                admin("PUT key body 10,000 deep", "PUT", "/api/key",
                        "{\"apiKey\":\"sk-hostile-0002\",\"x\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}")
                        .status(400),
                admin("PUT key body with trailing garbage", "PUT", "/api/key", key("sk-hostile-0002") + "garbage")
                        .status(400)));
        // POST /api/key/update and /api/cookie/update
        for (String kind : List.of("key", "cookie")) {
            String path = "/api/" + kind + "/update";
            String id = kind.equals("key") ? "{keyId}" : "{cookieId}";
            String field = "\"remark\":\"changed\"";
            cases.addAll(List.of(
                    admin(kind + " update: id a SQL string", "POST", path, "{\"id\":\"1;DROP TABLE api_key\"," + field + "}")
                            .status(400),
                    admin(kind + " update: id the stored id as a string", "POST", path, "{\"id\":\"" + id + "\"," + field + "}")
                            .status(400),
                    admin(kind + " update: id the stored id plus .5", "POST", path, "{\"id\":" + id + ".5," + field + "}")
                            .status(400),
                    admin(kind + " update: id the stored id in exponent form", "POST", path, "{\"id\":" + id + "e0," + field + "}")
                            .status(400),
                    admin(kind + " update: id 99999999999999999999", "POST", path,
                            "{\"id\":99999999999999999999," + field + "}").status(400),
                    admin(kind + " update: id 1e300", "POST", path, "{\"id\":1e300," + field + "}").status(400),
                    admin(kind + " update: id -1", "POST", path, "{\"id\":-1," + field + "}").status(404),
                    admin(kind + " update: id 0", "POST", path, "{\"id\":0," + field + "}").status(404),
                    admin(kind + " update: id missing", "POST", path, "{" + field + "}").status(400),
                    admin(kind + " update: id null", "POST", path, "{\"id\":null," + field + "}").status(400),
                    admin(kind + " update: id an array", "POST", path, "{\"id\":[" + id + "]," + field + "}").status(400),
                    admin(kind + " update: id an object", "POST", path, "{\"id\":{\"id\":" + id + "}," + field + "}").status(400),
                    admin(kind + " update: id true", "POST", path, "{\"id\":true," + field + "}").status(400),
                    admin(kind + " update: remark of 1 KB", "POST", path, "{\"id\":" + id + ",\"remark\":\"" + "r".repeat(1024) + "\"}")
                            .status(400),
                    admin(kind + " update: remark with CR/LF", "POST", path, "{\"id\":" + id + ",\"remark\":\"a\\r\\nb\"}").status(400),
                    admin(kind + " update: body an array", "POST", path, "[{\"id\":" + id + "," + field + "}]").status(400),
                    admin(kind + " update: body a string", "POST", path, q(id)).status(400),
                    admin(kind + " update: body a number", "POST", path, id).status(400),
                    admin(kind + " update: body not JSON", "POST", path, "{\"id\":" + id + ",").status(400),
                    admin(kind + " update: body empty", "POST", path, "").status(400)));
        }
        cases.addAll(List.of(
                admin("key update: apiKey with CR/LF", "POST", "/api/key/update",
                        "{\"id\":{keyId},\"apiKey\":\"sk-hostile-0002\\r\\nX-Injected: 1\"}").status(400),
                admin("key update: apiKey ' OR 1=1 --", "POST", "/api/key/update", "{\"id\":{keyId},\"apiKey\":\"' OR 1=1 --\"}")
                        .status(400),
                admin("key update: apiKey of 10 KB", "POST", "/api/key/update",
                        "{\"id\":{keyId},\"apiKey\":\"" + "k".repeat(10 * 1024) + "\"}").status(400),
                admin("key update: apiKey a number", "POST", "/api/key/update", "{\"id\":{keyId},\"apiKey\":1234567890123}")
                        .status(400),
                admin("cookie update: cookie with CR/LF", "POST", "/api/cookie/update",
                        "{\"id\":{cookieId},\"cookie\":\"" + NEW_TOKEN + "\\r\\nX-Injected: 1\"}").status(400),
                admin("cookie update: cookie with '; other=1'", "POST", "/api/cookie/update",
                        "{\"id\":{cookieId},\"cookie\":\"" + NEW_TOKEN + "; other=1\"}").status(400),
                admin("cookie update: cookie with invalid percent-encoding", "POST", "/api/cookie/update",
                        "{\"id\":{cookieId},\"cookie\":\"tok-hostile-%zz-0001\"}").status(400),
                admin("cookie update: cookie of 60 KB", "POST", "/api/cookie/update",
                        "{\"id\":{cookieId},\"cookie\":\"" + "t".repeat(60 * 1024) + "\"}").status(400)));
        // DELETE /api/key/{id} and /api/cookie/{id}
        for (String kind : List.of("key", "cookie")) {
            String id = kind.equals("key") ? "{keyId}" : "{cookieId}";
            String base = "/api/" + kind + "/";
            cases.addAll(List.of(
                    delete(kind + " DELETE ../" + id, base + "../" + id).status(400, 404).containerMayAnswer(),
                    delete(kind + " DELETE ..%2f" + id, base + "..%2f" + id).status(400, 404).containerMayAnswer(),
                    delete(kind + " DELETE " + id + ";DROP TABLE api_key", base + id + ";DROP%20TABLE%20api_key")
                            .status(400, 404).containerMayAnswer(),
                    delete(kind + " DELETE 1;DROP TABLE api_key", base + "1;DROP%20TABLE%20api_key").status(400, 404)
                            .containerMayAnswer(),
                    delete(kind + " DELETE -1", base + "-1").status(404),
                    delete(kind + " DELETE 0", base + "0").status(404),
                    delete(kind + " DELETE 99999999999999999999", base + "99999999999999999999").status(400),
                    delete(kind + " DELETE " + id + "%00", base + id + "%00").status(400, 404).containerMayAnswer(),
                    delete(kind + " DELETE %2e%2e%2f", base + "%2e%2e%2f").status(400, 404).containerMayAnswer(),
                    delete(kind + " DELETE " + id + " OR 1=1", base + id + "%20OR%201=1").status(400),
                    delete(kind + " DELETE " + id + "'--", base + id + "'--").status(400),
                    delete(kind + " DELETE " + id + ".0", base + id + ".0").status(400),
                    delete(kind + " DELETE " + id + "%0d%0a", base + id + "%0d%0aX-Injected:%201").status(400),
                    delete(kind + " DELETE %7Bid%7D", base + "%7Bid%7D").status(400),
                    delete(kind + " DELETE 1e3", base + "1e3").status(400),
                    delete(kind + " DELETE an unknown id with the stored id in the query", base + "999999999?id=" + id)
                            .status(404)));
        }
        return cases.stream().map(Case::arguments);
    }

    /** Traversal into the admin API or the file system without the secret: never a 200, never data. */
    static Stream<Arguments> pathTraversal() {
        return Stream.of(
                        "/v1/../api/key/all", "/v1/../api/cookie/all", "/api/key/..%2f..%2fall", "/api/key/..%2f..%2fcookie/all",
                        "/swagger/../api/cookie/all", "/swagger/..%2f..%2fapi/cookie/all", "/%2e%2e/api/key/all",
                        "/api/key/all/..;/..;/cookie/all", "/v1/..;/api/key/all", "/api/./cookie/all", "//api/cookie/all",
                        "/api/cookie/all%00", "/api/cookie/all;x=1", "/API/COOKIE/ALL", "/actuator/../api/key/all",
                        "/v1/models/../../api/cookie/all", "/api/cookie/all?Authorization=Bearer%20" + BACKEND_SECRET,
                        "/swagger/..%2f..%2fbackend-secret", "/swagger/../../backend-secret",
                        "/webjars/swagger-ui/../../../../etc/passwd", "/swagger/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                        "/swagger/..%5c..%5c..%5cetc/passwd", "/swagger/....//....//etc/passwd")
                .map(path -> new Case("GET " + path, "GET", path, null, Shape.ANY).status(400, 401, 403, 404).containerMayAnswer().arguments());
    }

    /** Every admin change with a wrong or missing secret and a hostile payload: 401, nothing changed. */
    static Stream<Arguments> wrongSecret() {
        String sqlKey = key("' OR 1=1 --");
        return Stream.of(
                admin("PUT key, wrong secret", "PUT", "/api/key", key("sk-hostile-takeover-01")).auth("Bearer not-the-secret"),
                admin("PUT key with SQL, no secret", "PUT", "/api/key", sqlKey).noAuth(),
                admin("PUT cookie, the secret but its last character", "PUT", "/api/cookie", cookie(NEW_TOKEN))
                        .auth(ADMIN.substring(0, ADMIN.length() - 1)),
                admin("PUT cookie, the secret and one more character", "PUT", "/api/cookie", cookie(NEW_TOKEN)).auth(ADMIN + "x"),
                admin("PUT cookie, the secret upper-cased", "PUT", "/api/cookie", cookie(NEW_TOKEN))
                        .auth("Bearer " + BACKEND_SECRET.toUpperCase(Locale.ROOT)),
                delete("DELETE key, wrong secret", "/api/key/{keyId}").auth("Bearer not-the-secret"),
                delete("DELETE cookie, no secret", "/api/cookie/{cookieId}").noAuth(),
                delete("DELETE key ;DROP TABLE, no secret", "/api/key/{keyId};DROP%20TABLE%20api_key").noAuth()
                        .status(400, 401, 404).containerMayAnswer(),
                admin("key update, Basic credentials", "POST", "/api/key/update",
                        "{\"id\":{keyId},\"apiKey\":\"sk-hostile-takeover-01\"}").auth("Basic " + base64("admin:" + BACKEND_SECRET)),
                admin("cookie update, the API key instead of the secret", "POST", "/api/cookie/update", "{\"id\":{cookieId}}")
                        .auth("Bearer " + API_KEY),
                admin("credit refresh, wrong secret", "POST", "/api/cookie/credit/refresh", "").auth("Bearer not-the-secret"),
                admin("PUT key, the secret in X-Backend-Secret", "PUT", "/api/key", key("sk-hostile-takeover-01")).noAuth()
                        .header("X-Backend-Secret", BACKEND_SECRET),
                admin("PUT key, the secret in a cookie", "PUT", "/api/key", key("sk-hostile-takeover-01")).noAuth()
                        .header("Cookie", "Authorization=" + BACKEND_SECRET),
                admin("PUT key, the secret only in the query", "PUT", "/api/key?Authorization=Bearer%20" + BACKEND_SECRET,
                        key("sk-hostile-takeover-01")).noAuth(),
                admin("PUT key, a wrong secret in the header and the right one in the query", "PUT",
                        "/api/key?Authorization=Bearer%20" + BACKEND_SECRET, key("sk-hostile-takeover-01"))
                        .auth("Bearer not-the-secret"),
                admin("PUT key, the secret after a tab and junk", "PUT", "/api/key", key("sk-hostile-takeover-01"))
                        .auth(ADMIN + "\tjunk"),
                admin("PUT key, a secret of 7 KB", "PUT", "/api/key", key("sk-hostile-takeover-01"))
                        .auth("Bearer " + "s".repeat(7 * 1024)),
                admin("PUT key, duplicate Authorization headers, wrong then right", "PUT", "/api/key",
                        key("sk-hostile-takeover-01")).auth("Bearer not-the-secret").header("Authorization", ADMIN),
                admin("PUT key 10,000 deep, wrong secret", "PUT", "/api/key", "[".repeat(10_000) + "]".repeat(10_000))
                        .auth("Bearer not-the-secret"),
                admin("PUT cookie invalid UTF-8, no secret", "PUT", "/api/cookie", bytes("{\"cookie\":\"", raw(0xC0, 0xAF), "\"}"))
                        .noAuth(),
                admin("PUT key of 100 KB, wrong secret", "PUT", "/api/key", key("k".repeat(100 * 1024))).auth("Bearer not-the-secret"))
                .map(c -> (c.statuses.isEmpty() ? c.status(401) : c).arguments());
    }

    /** SQL, path and markup text in a remark is legal text: stored verbatim, every table intact. */
    static Stream<Arguments> verbatimRemarks() {
        List<String> remarks = List.of("'; DROP TABLE api_key; --", "Robert'); DROP TABLE hix_cookie;--", "1 OR 1=1",
                "\" OR \"\"=\"", "../../etc/passwd", "..\\..\\windows\\win.ini", "<script>alert(1)</script>",
                "${jndi:ldap://127.0.0.1/x}", "%0d%0aX-Injected: 1", "%s%n%x%d", "\"; other=1", "Ünïcödé 中文 😀 עברית",
                "r".repeat(255));
        List<Arguments> arguments = new ArrayList<>();
        for (String endpoint : List.of("PUT /api/key", "POST /api/key/update", "POST /api/cookie/update")) {
            for (String remark : remarks) {
                String shown = remark.length() > 40 ? remark.substring(0, 20) + "…(" + remark.length() + ")" : remark;
                arguments.add(Arguments.of(Named.of(endpoint + " remark " + shown, endpoint), remark));
            }
        }
        return arguments.stream();
    }

    // ------------------------------------------------------------------------------------------------ tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("chatBodies")
    void hostileChatBodiesAreRefused(Case c) {
        assertRefused(c, () -> send(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiKeyHeaders")
    void hostileApiKeyHeadersAreRefused(Case c) {
        assertRefused(c, () -> send(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rawAuthorizationHeaders")
    void injectedAuthorizationHeadersAreRefused(Case c) {
        assertRefused(c, () -> sendRaw(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unendingBodies")
    void unendingBodiesAreAnsweredWithoutWaitingForTheirEnd(Case c) {
        assertRefused(c, () -> sendRaw(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminInput")
    void hostileAdminInputIsRefused(Case c) {
        assertRefused(c, () -> send(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathTraversal")
    void pathTraversalNeverReachesAdminDataOrFiles(Case c) {
        assertRefused(c, () -> send(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongSecret")
    void aWrongOrMissingSecretChangesNothing(Case c) {
        assertRefused(c, () -> send(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddButLegalChatBodies")
    void oddButLegalChatBodiesAreServed(Case c) {
        List<Map<String, Object>> keysBefore = rows("api_key");

        long start = System.nanoTime();
        Response response = send(c);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.status()).as("%s: %s", c.name, excerpt(response.body())).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").isTextual()).isTrue();
        assertThat(SIMULATOR.chatCalls()).hasSize(1);
        assertThat(rows("api_key")).isEqualTo(keysBefore);
        assertThat(tookMillis).as("%s took %s ms", c.name, tookMillis).isLessThan(5_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verbatimRemarks")
    void remarksWithSqlAndPathTextAreStoredVerbatim(String endpoint, String remark) throws JsonProcessingException {
        Snapshot before = snapshot();
        String remarkJson = JSON.writeValueAsString(remark);

        switch (endpoint) {
            case "PUT /api/key" -> {
                Response response = send(admin(endpoint, "PUT", "/api/key",
                        "{\"apiKey\":\"sk-hostile-verbatim-01\",\"remark\":" + remarkJson + "}"));
                assertThat(response.status()).as(excerpt(response.body())).isEqualTo(200);
                long id = json(response.body()).path("data").path("id").asLong();
                List<Map<String, Object>> keys = rows("api_key");
                assertThat(keys).hasSize(2).startsWith(before.keys().get(0));
                assertThat(jdbc.sql("SELECT remark FROM api_key WHERE id = :id").param("id", id).query(String.class).single())
                        .isEqualTo(remark);
                assertThat(jdbc.sql("SELECT key_hash FROM api_key WHERE id = :id").param("id", id).query(String.class).single())
                        .isEqualTo(Secrets.sha256Hex("sk-hostile-verbatim-01"));
                assertListed("/api/key/all", id, remark);
                assertThat(rows("hix_cookie")).isEqualTo(before.cookies());
                assertThat(upstreamCallsOfThisCase()).isEmpty();
            }
            case "POST /api/key/update" -> {
                Response response = send(admin(endpoint, "POST", "/api/key/update",
                        "{\"id\":" + keyId + ",\"remark\":" + remarkJson + "}"));
                assertThat(response.status()).as(excerpt(response.body())).isEqualTo(200);
                List<Map<String, Object>> keys = rows("api_key");
                assertThat(keys).hasSize(1);
                assertThat(keys.get(0).get("REMARK")).isEqualTo(remark);
                assertThat(without(keys.get(0), "REMARK")).isEqualTo(without(before.keys().get(0), "REMARK"));
                assertListed("/api/key/all", keyId, remark);
                assertThat(rows("hix_cookie")).isEqualTo(before.cookies());
                assertThat(upstreamCallsOfThisCase()).isEmpty();
            }
            default -> {
                Response response = send(admin(endpoint, "POST", "/api/cookie/update",
                        "{\"id\":" + cookieId + ",\"remark\":" + remarkJson + "}"));
                assertThat(response.status()).as(excerpt(response.body())).isEqualTo(200);
                List<Map<String, Object>> cookies = rows("hix_cookie");
                assertThat(cookies).hasSize(1);
                assertThat(cookies.get(0).get("REMARK")).isEqualTo(remark);
                assertThat(cookies.get(0).get("TOKEN")).isEqualTo(cookieToken);
                assertListed("/api/cookie/all", cookieId, remark);
                assertThat(rows("api_key")).isEqualTo(before.keys());
                // the update re-checks the stored cookie with HixAI: its usage call only
                assertThat(upstreamCallsOfThisCase()).allSatisfy(call -> assertThat(call).contains("getSubUsage"));
            }
        }
        assertThat(rows("conversation")).isEqualTo(before.conversations());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_key").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hix_cookie").query(Long.class).single()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------------ checks

    /**
     * The request answers one of the case's 4xx statuses in the error shape of its API (or, where the case allows
     * it, the servlet container's own refusal), echoes neither a secret nor the huge input, changes no table and
     * sends nothing to HixAI.
     */
    private void assertRefused(Case c, Supplier<Response> call) {
        Snapshot before = snapshot();

        Response response = call.get();

        String what = c.name + " -> " + response.status() + " " + excerpt(response.body());
        assertThat(response.status()).as(what).isBetween(400, 499);
        assertThat(c.statuses).as(what).contains(response.status());
        JsonNode body = parsed(response.body());
        boolean gatewayShape = switch (c.shape) {
            case OPENAI -> isOpenAiError(body);
            case ADMIN -> isAdminFailure(body);
            case ANY -> isOpenAiError(body) || isAdminFailure(body);
        };
        if (!(c.containerMayAnswer && !gatewayShape && response.status() != 401)) {
            assertThat(response.contentType()).as(what).startsWith("application/json");
            assertThat(gatewayShape).as("%s: expected the %s error shape", what, c.shape).isTrue();
            if (isOpenAiError(body)) {
                JsonNode error = body.path("error");
                assertThat(error.path("message").asText()).as(what).isNotBlank();
                assertThat(error.path("type").asText()).as(what).isNotBlank();
                if (c.checkParam) {
                    assertThat(error.path("param").isNull() ? null : error.path("param").asText()).as(what).isEqualTo(c.param);
                }
                if (c.code != null) {
                    assertThat(error.path("code").asText()).as(what).isEqualTo(c.code);
                }
            } else {
                assertThat(body.path("message").asText()).as(what).isNotBlank();
            }
        }
        assertThat(response.body().length()).as("%s: the error body echoes the input", what).isLessThanOrEqualTo(MAX_ERROR_BODY);
        for (String secret : secretsOf(c)) {
            assertThat(response.body()).as("%s: echoes a secret", what).doesNotContain(secret);
        }
        assertThat(response.body()).as("%s: exposes stored data or files", what)
                .doesNotContain("createTime").doesNotContain("root:x:0:0").doesNotContain("\"credit\"");
        Snapshot after = snapshot();
        assertThat(after.cookies()).as("%s: hix_cookie changed", what).isEqualTo(before.cookies());
        assertThat(after.keys()).as("%s: api_key changed", what).isEqualTo(before.keys());
        assertThat(after.conversations()).as("%s: conversation changed", what).isEqualTo(before.conversations());
        assertThat(upstreamCallsOfThisCase()).as("%s: sent to HixAI", what).isEmpty();
    }

    /** HixAI calls with this case's cookie or with none, as "METHOD path" (another case's cookie: a stray re-read). */
    private List<String> upstreamCallsOfThisCase() {
        return SIMULATOR.requests().stream()
                .filter(r -> {
                    String cookie = r.headers().getOrDefault("cookie", "");
                    return !cookie.contains(CASE_TOKEN_PREFIX) || cookie.contains(cookieToken);
                })
                .map(r -> r.method() + " " + r.path())
                .toList();
    }

    private List<String> secretsOf(Case c) {
        List<String> secrets = new ArrayList<>(List.of(BACKEND_SECRET, API_KEY, cookieToken));
        for (String[] header : c.headers) {
            String value = header[1].regionMatches(true, 0, "Bearer ", 0, 7) ? header[1].substring(7) : header[1];
            if (value.trim().length() >= 12) {
                secrets.add(value.trim());
            }
        }
        return secrets;
    }

    private static JsonNode parsed(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static boolean isOpenAiError(JsonNode body) {
        if (body == null || !body.isObject() || !fields(body).equals(Set.of("error"))) {
            return false;
        }
        return body.path("error").isObject() && fields(body.path("error")).equals(Set.of("message", "type", "param", "code"));
    }

    private static boolean isAdminFailure(JsonNode body) {
        return body != null && body.isObject() && fields(body).equals(Set.of("code", "message", "data"))
                && body.path("code").asInt() == 1;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void assertListed(String path, long id, String remark) {
        Response listed = send(getCase("list", path).auth(ADMIN));
        assertThat(listed.status()).isEqualTo(200);
        JsonNode item = null;
        for (JsonNode node : json(listed.body()).path("data")) {
            if (node.path("id").asLong() == id) {
                item = node;
            }
        }
        assertThat(item).as("item %s listed", id).isNotNull();
        assertThat(item.path("remark").asText()).isEqualTo(remark);
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private record Snapshot(List<Map<String, Object>> cookies, List<Map<String, Object>> keys,
                            List<Map<String, Object>> conversations) {
    }

    private record Response(int status, String contentType, String body) {
    }

    private Snapshot snapshot() {
        return new Snapshot(rows("hix_cookie"), rows("api_key"), rows("conversation"));
    }

    private List<Map<String, Object>> rows(String table) {
        return jdbc.sql("SELECT * FROM " + table + " ORDER BY id").query().listOfRows().stream()
                .map(row -> {
                    Map<String, Object> upper = new LinkedHashMap<>();
                    row.forEach((k, v) -> upper.put(k.toUpperCase(Locale.ROOT), v));
                    return upper;
                }).toList();
    }

    private static Map<String, Object> without(Map<String, Object> row, String column) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.remove(column);
        return copy;
    }

    private String resolve(String text) {
        return text.replace("{keyId}", Long.toString(keyId)).replace("{cookieId}", Long.toString(cookieId))
                .replace("{port}", Integer.toString(port));
    }

    private byte[] resolve(byte[] body) {
        return replace(replace(replace(body, "{keyId}", Long.toString(keyId)), "{cookieId}", Long.toString(cookieId)),
                "{port}", Integer.toString(port));
    }

    private static byte[] replace(byte[] body, String placeholder, String value) {
        byte[] from = placeholder.getBytes(StandardCharsets.US_ASCII);
        byte[] to = value.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int i = 0;
        while (i < body.length) {
            if (i + from.length <= body.length && Arrays.equals(body, i, i + from.length, from, 0, from.length)) {
                out.write(to, 0, to.length);
                i += from.length;
            } else {
                out.write(body[i++]);
            }
        }
        return out.toByteArray();
    }

    private Response send(Case c) {
        byte[] body = c.body == null ? null : resolve(c.body);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : c.chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(resolve(c.path))))
                .timeout(Duration.ofSeconds(20))
                .method(c.method, publisher);
        c.headers.forEach(header -> request.header(header[0], header[1]));
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(c.name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response sendRaw(Case c) {
        byte[] body = chatBody("gpt-4o-mini", false, "hi").getBytes(StandardCharsets.UTF_8);
        boolean endless = c.endlessBody > 0;
        String framing = !endless ? "Content-Length: " + body.length + "\r\n"
                : c.declaredLength > 0 ? "Content-Length: " + c.declaredLength + "\r\n" : "Transfer-Encoding: chunked\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(((c.requestLine == null ? "POST " + CHAT + " HTTP/1.1" : c.requestLine) + "\r\n"
                + "Host: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n" + framing
                + "Connection: close\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(c.rawHeaders);
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        if (!endless) {
            request.writeBytes(body);
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(endless ? ENDLESS_BODY_PATIENCE_MILLIS : 15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            if (endless) {
                writeBody(out, c.endlessBody, c.declaredLength == 0);
            }
            out.flush();
            try {
                return readResponse(new BufferedInputStream(socket.getInputStream()));
            } catch (SocketTimeoutException e) {
                throw new AssertionError(c.name + ": no answer within " + ENDLESS_BODY_PATIENCE_MILLIS + " ms of " + c.endlessBody + " body bytes: the gateway"
                        + " waits for the end of the body before checking the credentials and the size cap", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(c.name + ": " + e, e);
        }
    }

    /** That many bytes of a JSON-ish body, chunked (without the last, empty chunk) or plain; then nothing. */
    private static void writeBody(OutputStream out, int size, boolean chunked) {
        byte[] block = new byte[16 * 1024];
        Arrays.fill(block, (byte) ' ');
        block[0] = '{';
        try {
            for (int sent = 0; sent < size; sent += block.length) {
                if (chunked) {
                    out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(block);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.flush();
        } catch (IOException e) {
            // the gateway may answer and close before all of it is sent: its answer is read next
        }
    }

    private static Response readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                out.writeBytes(in.readNBytes(size));
                line(in);
            }
            body = out.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers.getOrDefault("content-type", ""), new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String excerpt(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body;
    }

    // ------------------------------------------------------------------------------------------------ cases

    /** ANY: the OpenAI or the admin shape, where a traversal may land on either API. */
    enum Shape { OPENAI, ADMIN, ANY }

    static final class Case {
        final String name;
        final String method;
        String path;
        final List<String[]> headers = new ArrayList<>();
        final byte[] body;
        Shape shape;
        /** Raw cases: this many body bytes, then silence (chunked without the last chunk, or short of a declared length). */
        int endlessBody;
        long declaredLength;
        boolean chunked;
        final Set<Integer> statuses = new TreeSet<>();
        boolean checkParam;
        String param;
        String code;
        /** Refused by the servlet container before the gateway (its own body), e.g. a header over its limit. */
        boolean containerMayAnswer;
        byte[] rawHeaders;
        String requestLine;

        Case(String name, String method, String path, byte[] body, Shape shape) {
            this.name = name;
            this.method = method;
            this.path = path;
            this.body = body;
            this.shape = shape;
        }

        Case status(Integer... statuses) {
            this.statuses.addAll(List.of(statuses));
            return this;
        }

        Case param(String param) {
            this.checkParam = true;
            this.param = param;
            return this;
        }

        Case code(String code) {
            this.code = code;
            return this;
        }

        Case chunked() {
            this.chunked = true;
            return this;
        }

        Case header(String name, String value) {
            if (name.equalsIgnoreCase("Content-Type")) {
                headers.removeIf(h -> h[0].equalsIgnoreCase("Content-Type"));
            }
            headers.add(new String[] {name, value});
            return this;
        }

        Case auth(String value) {
            noAuth();
            headers.add(new String[] {"Authorization", value});
            return this;
        }

        Case noAuth() {
            headers.removeIf(h -> h[0].equalsIgnoreCase("Authorization"));
            return this;
        }

        Case containerMayAnswer() {
            this.containerMayAnswer = true;
            return this;
        }

        Case path(String path) {
            this.path = path;
            return this;
        }

        Case shape(Shape shape) {
            this.shape = shape;
            return this;
        }

        Case endlessBody(int size, long declaredLength) {
            this.endlessBody = size;
            this.declaredLength = declaredLength;
            return this;
        }

        Case requestLine(String line) {
            this.requestLine = line;
            return this;
        }

        Arguments arguments() {
            return Arguments.of(Named.of(name, this));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    private static final String HI_BODY = "{\"model\":\"gpt-4o-mini\"," + HI + "}";

    private static Case v1(String name, Object body) {
        Case c = new Case(name, "POST", CHAT, body instanceof byte[] b ? b : ((String) body).getBytes(StandardCharsets.UTF_8),
                Shape.OPENAI);
        c.header("Content-Type", "application/json");
        return c.auth("Bearer " + API_KEY);
    }

    private static Case getCase(String name, String path) {
        Shape shape = path.startsWith("/v1") ? Shape.OPENAI : Shape.ADMIN;
        return new Case(name, "GET", path, null, shape).auth(path.startsWith("/v1") ? "Bearer " + API_KEY : ADMIN);
    }

    private static Case delete(String name, String path) {
        return new Case(name, "DELETE", path, null, Shape.ADMIN).auth(ADMIN);
    }

    private static Case admin(String name, String method, String path, Object body) {
        Case c = new Case(name, method, path, body instanceof byte[] b ? b : ((String) body).getBytes(StandardCharsets.UTF_8),
                Shape.ADMIN);
        c.header("Content-Type", "application/json");
        return c.auth(ADMIN);
    }

    private static Case rawCase(String name, byte[] authorizationLines) {
        Case c = new Case(name, "POST", CHAT, null, Shape.OPENAI);
        c.rawHeaders = authorizationLines;
        // Tomcat refuses malformed header lines itself, with its own body
        c.containerMayAnswer = true;
        return c;
    }

    // ------------------------------------------------------------------------------------------------ bodies

    /** JSON string literal of any text (control characters escaped). */
    private static String q(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String chat(String messagesJson) {
        return "{\"model\":\"gpt-4o-mini\",\"messages\":" + messagesJson + "}";
    }

    private static String userContent(String contentJson) {
        return chat("[{\"role\":\"user\",\"content\":" + contentJson + "}]");
    }

    private static String withModel(String modelJson) {
        return "{\"model\":" + modelJson + "," + HI + "}";
    }

    private static String imageUrl(String url) {
        return userContent("[{\"type\":\"text\",\"text\":\"what is this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
                + q(url) + "}}]");
    }

    private static byte[] contentBytes(int... raw) {
        return bytes("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"a", raw(raw), "b\"}]}");
    }

    private static String manyMessages(int count, String message, String last) {
        StringBuilder json = new StringBuilder("{\"model\":\"gpt-4o-mini\",\"messages\":[");
        for (int i = 0; i < count; i++) {
            json.append(message).append(',');
        }
        String body = json.append(last).append("]}").toString();
        if (body.length() > MAX_BODY) {
            throw new IllegalStateException("the many-messages body must stay under the cap: " + body.length());
        }
        return body;
    }

    /** A valid request padded with spaces to exactly that many bytes. */
    private static String exactly(int size) {
        String body = chatBody("gpt-4o-mini", false, "hi");
        return body + " ".repeat(size - body.length());
    }

    private static String cookie(String value) {
        return "{\"cookie\":" + q(value) + ",\"remark\":\"hostile\"}";
    }

    private static String key(String value) {
        return "{\"apiKey\":" + q(value) + ",\"remark\":\"hostile\"}";
    }

    private static String keyRemark(String remark) {
        return "{\"apiKey\":\"sk-hostile-0002\",\"remark\":" + q(remark) + "}";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] raw(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
