package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.hixai2api.simulator.ChatCall;
import dev.hixai2api.simulator.Upload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** image_url and file parts: recognised by their bytes, uploaded to HixAI, fetched from URLs only where safe. */
@TestPropertySource(properties = "ATTACHMENT_MAX_SIZE=64KB")
class AttachmentE2ETest extends GatewayTestSupport {

    static final Map<String, byte[]> SAMPLES = Map.of(
            "png", bytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'}),
            "jpg", bytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0}),
            "webp", bytes(new byte[] {'R', 'I', 'F', 'F', 36, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '}),
            "pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n".getBytes(StandardCharsets.US_ASCII),
            "doc", bytes(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0}),
            "txt", "Meeting notes: ship on Friday.\n".getBytes(StandardCharsets.UTF_8));
    static final Map<String, String> MIME = Map.of("png", "image/png", "jpg", "image/jpeg", "webp", "image/webp",
            "pdf", "application/pdf", "doc", "application/msword", "txt", "text/plain");

    /** A server nothing may reach: every SSRF attempt must leave its counter at zero. */
    private static final AtomicInteger TRAP_HITS = new AtomicInteger();
    private static final HttpServer TRAP = trap();

    @DynamicPropertySource
    static void allowTheSimulator(DynamicPropertyRegistry registry) {
        registry.add("hixai2api.attachment-allowed-hosts", () -> "127.0.0.1:" + SIMULATOR.port());
    }

    @AfterAll
    static void stopTrap() {
        TRAP.stop(0);
    }

    @ParameterizedTest(name = "{0} by data URI")
    @ValueSource(strings = {"png", "jpg", "webp", "pdf", "doc", "txt"})
    void eachAcceptedKindByDataUriIsUploadedAndPassedAsFileUrl(String kind) {
        seedCookie("tok-a", 100);
        String dataUri = "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(SAMPLES.get(kind));

        HttpResponse<String> response = post("/v1/chat/completions", imageMessage(dataUri), null);

        assertUploaded(response, kind);
    }

    @ParameterizedTest(name = "{0} by URL")
    @ValueSource(strings = {"png", "jpg", "webp", "pdf", "doc", "txt"})
    void eachAcceptedKindByUrlIsFetchedUploadedAndPassedAsFileUrl(String kind) {
        seedCookie("tok-a", 100);
        SIMULATOR.serveFile("/files/sample-" + kind, SAMPLES.get(kind), "application/octet-stream");

        HttpResponse<String> response = post("/v1/chat/completions",
                imageMessage(SIMULATOR.baseUrl() + "/files/sample-" + kind), null);

        assertUploaded(response, kind);
    }

    @Test
    void aFilePartWithFileDataIsUploadedToo() {
        seedCookie("tok-a", 100);
        ObjectNode body = chat();
        ArrayNode content = ((ArrayNode) body.path("messages")).addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", "Summarise");
        content.addObject().put("type", "file").putObject("file").put("filename", "report.exe")
                .put("file_data", "data:application/pdf;base64," + Base64.getEncoder().encodeToString(SAMPLES.get("pdf")));

        assertUploaded(post("/v1/chat/completions", body.toString(), null), "pdf");
    }

    @Test
    void ofSeveralFilesTheLastOneIsUsed() {
        seedCookie("tok-a", 100);
        ObjectNode body = chat();
        ArrayNode content = ((ArrayNode) body.path("messages")).addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "image_url").putObject("image_url").put("url", dataUri("png"));
        content.addObject().put("type", "image_url").putObject("image_url").put("url", dataUri("jpg"));

        assertUploaded(post("/v1/chat/completions", body.toString(), null), "jpg");
        assertThat(SIMULATOR.uploads()).hasSize(1);
    }

    @Test
    void aKindHixAiDoesNotAcceptIs400ListingTheAcceptedOnes() {
        seedCookie("tok-a", 100);
        byte[] gif = new byte[64];
        System.arraycopy("GIF89a".getBytes(StandardCharsets.US_ASCII), 0, gif, 0, 6);

        HttpResponse<String> response = post("/v1/chat/completions",
                imageMessage("data:image/gif;base64," + Base64.getEncoder().encodeToString(gif)), null);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unsupported_file_type");
        assertThat(error.path("message").asText()).contains("pdf, jpg, png, webp, doc, txt");
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @Test
    void invalidBase64Is400() {
        seedCookie("tok-a", 100);

        HttpResponse<String> response = post("/v1/chat/completions", imageMessage("data:image/png;base64,@@not*base64@@"), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("error").path("code").asText()).isEqualTo("invalid_attachment");
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @Test
    void anOversizeFileIs413ByDataUriAndByUrl() {
        seedCookie("tok-a", 100);
        byte[] big = new byte[70 * 1024];
        System.arraycopy(SAMPLES.get("pdf"), 0, big, 0, SAMPLES.get("pdf").length);
        SIMULATOR.serveFile("/files/big.pdf", big, "application/pdf");

        HttpResponse<String> byData = post("/v1/chat/completions",
                imageMessage("data:application/pdf;base64," + Base64.getEncoder().encodeToString(big)), null);
        HttpResponse<String> byUrl = post("/v1/chat/completions", imageMessage(SIMULATOR.baseUrl() + "/files/big.pdf"), null);

        assertThat(byData.statusCode()).isEqualTo(413);
        assertThat(byUrl.statusCode()).isEqualTo(413);
        assertThat(json(byUrl.body()).path("error").path("code").asText()).isEqualTo("attachment_too_large");
        assertThat(SIMULATOR.chatCalls()).isEmpty();
        assertThat(SIMULATOR.uploads()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "http://127.0.0.1:TRAP/secret",
            "http://localhost:TRAP/secret",
            "http://[::1]:TRAP/secret",
            "http://10.0.0.1/internal",
            "http://169.254.169.254/latest/meta-data/",
            "http://0.0.0.0:TRAP/secret",
            "file:///etc/passwd",
            "ftp://127.0.0.1/x",
            "SIMULATOR/redirect-to-trap"})
    void ssrfAttemptsAreRefusedWith400AndNothingIsFetched(String target) {
        seedCookie("tok-a", 100);
        SIMULATOR.serveRedirect("/redirect-to-trap", "http://127.0.0.1:" + TRAP.getAddress().getPort() + "/secret");
        String url = target.replace("TRAP", String.valueOf(TRAP.getAddress().getPort()))
                .replace("SIMULATOR", SIMULATOR.baseUrl());

        HttpResponse<String> response = post("/v1/chat/completions", imageMessage(url), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response.body()).path("error").path("code").asText()).isEqualTo("invalid_attachment_url");
        assertThat(TRAP_HITS.get()).isZero();
        assertThat(SIMULATOR.chatCalls()).isEmpty();
    }

    private static void assertUploaded(HttpResponse<String> response, String kind) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(SIMULATOR.uploads()).hasSize(1);
        Map.Entry<String, Upload> upload = SIMULATOR.uploads().entrySet().iterator().next();
        assertThat(upload.getValue().bytes()).isEqualTo(SAMPLES.get(kind));
        assertThat(upload.getValue().contentType()).isEqualTo(MIME.get(kind));
        assertThat(upload.getKey()).matches(".*/\\d{14}\\." + kind);
        ChatCall call = SIMULATOR.chatCalls().get(0);
        assertThat(call.fileUrl()).isEqualTo(SIMULATOR.baseUrl() + "/upload/" + upload.getKey());
        assertThat(SIMULATOR.requests()).filteredOn(r -> r.method().equals("PUT"))
                .allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("cookie"));
    }

    private static String imageMessage(String url) {
        ObjectNode body = chat();
        ArrayNode content = ((ArrayNode) body.path("messages")).addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", "What is in this file?");
        content.addObject().put("type", "image_url").putObject("image_url").put("url", url);
        return body.toString();
    }

    private static ObjectNode chat() {
        ObjectNode body = JSON.createObjectNode().put("model", "gpt-4o-mini").put("stream", false);
        body.putArray("messages");
        return body;
    }

    private static String dataUri(String kind) {
        return "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(SAMPLES.get(kind));
    }

    private static byte[] bytes(byte[] head) {
        byte[] bytes = new byte[head.length + 32];
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static HttpServer trap() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                TRAP_HITS.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
