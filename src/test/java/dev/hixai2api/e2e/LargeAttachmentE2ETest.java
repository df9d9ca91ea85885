package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.simulator.Upload;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * With the default settings a file of exactly ATTACHMENT_MAX_SIZE (20 MB) travels as a base64 data URI of
 * 27,962,028 chars, one JSON string longer than Jackson's default cap of 20,000,000, inside MAX_BODY_SIZE (32 MB),
 * read through the clients' 2 KB socket read buffers; a long answer written through their 2 KB response buffers.
 */
class LargeAttachmentE2ETest extends GatewayTestSupport {

    private static final int ATTACHMENT_MAX_SIZE = 20 * 1024 * 1024;

    @Autowired
    private ServletWebServerApplicationContext context;

    @Test
    void clientConnectionsHaveTheSmallSocketBuffers() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("socket.appReadBufSize")).isEqualTo("2048");
        assertThat(connector.getProperty("socket.appWriteBufSize")).isEqualTo("4096");
        assertThat(connector.createResponse().getBufferSize()).isEqualTo(2048);
    }

    @Test
    void anAnswerManyTimesTheResponseBufferArrivesWhole() {
        seedCookie("tok-a", 100);
        List<String> pieces = IntStream.range(0, 400).mapToObj(i -> "piece " + i + " of a long answer. ").toList();
        SIMULATOR.answerWith(pieces);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "long"), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String content = json(response.body()).path("choices").path(0).path("message").path("content").asText();
        assertThat(content).hasSizeGreaterThan(4 * 2048).isEqualTo(String.join("", pieces));
    }

    @Test
    void aDataUriFileOfExactlyAttachmentMaxSizeIsUploadedToHixAi() {
        seedCookie("tok-a", 100);
        byte[] pdf = pdf(ATTACHMENT_MAX_SIZE);
        String body = fileMessage(pdf);
        assertThat(body.length()).as("the whole body fits MAX_BODY_SIZE").isLessThan(32 * 1024 * 1024);

        HttpResponse<String> response = post("/v1/chat/completions", body, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(SIMULATOR.uploads()).hasSize(1);
        Upload upload = SIMULATOR.uploads().values().iterator().next();
        assertThat(upload.bytes()).hasSize(ATTACHMENT_MAX_SIZE).isEqualTo(pdf);
        assertThat(SIMULATOR.chatCalls()).hasSize(1);
        assertThat(SIMULATOR.chatCalls().get(0).fileUrl()).contains("/upload/");
    }

    @Test
    void oneByteMoreIs413AndNothingReachesHixAi() {
        seedCookie("tok-a", 100);

        HttpResponse<String> response = post("/v1/chat/completions", fileMessage(pdf(ATTACHMENT_MAX_SIZE + 1)), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("attachment_too_large");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(SIMULATOR.uploads()).isEmpty();
        assertThat(SIMULATOR.chatCalls()).isEmpty();
    }

    /** A PDF header padded to {@code size} bytes: the gateway recognises it by its first bytes. */
    private static byte[] pdf(int size) {
        byte[] pdf = new byte[size];
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, pdf, 0, header.length);
        for (int i = header.length; i < size; i++) {
            pdf[i] = (byte) i;
        }
        return pdf;
    }

    private static String fileMessage(byte[] file) {
        String data = Base64.getEncoder().encodeToString(file);
        assertThat(data.length()).as("the data URI's base64 exceeds Jackson's default string cap").isGreaterThan(20_000_000);
        ObjectNode body = JSON.createObjectNode().put("model", "gpt-4o-mini").put("stream", false);
        ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", "Summarise this report");
        content.addObject().put("type", "file").putObject("file").put("filename", "report.pdf")
                .put("file_data", "data:application/pdf;base64," + data);
        return body.toString();
    }
}
