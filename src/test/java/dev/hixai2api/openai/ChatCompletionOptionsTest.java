package dev.hixai2api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.Limits;
import dev.hixai2api.core.ResponseFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The answer settings of a chat completion request, and the fields the door refuses or ignores. */
class ChatCompletionOptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChatCompletionRequestParser parser = new ChatCompletionRequestParser(JSON);

    /** The options of a request with these extra top-level fields ({@code "stop":"x"}, …). */
    private ChatCompletionOptions options(String fields) {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]"
                + (fields.isEmpty() ? "" : "," + fields) + "}";
        return parser.parse(body.getBytes(StandardCharsets.UTF_8)).options();
    }

    private GatewayException refused(String fields, String param, String code) {
        GatewayException error = catchThrowableOfType(() -> options(fields), GatewayException.class);
        assertThat(error).as("refusal of %s", fields).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(OpenAiErrorBody.type(error)).isEqualTo("invalid_request_error");
        assertThat(error.param()).as(error.getMessage()).isEqualTo(param);
        assertThat(error.code()).isEqualTo(code);
        return error;
    }

    private void invalid(String fields, String param) {
        refused(fields, param, "invalid_request");
    }

    private void unsupported(String fields, String param) {
        assertThat(refused(fields, param, "unsupported_parameter").getMessage()).contains("'" + param + "'");
    }

    @Test
    void withoutSettingsTheAnswerIsUncutPlainTextInTheConfiguredReasoningFormat() {
        assertThat(options("")).isEqualTo(new ChatCompletionOptions(Limits.NONE, ResponseFormat.TEXT, null));
    }

    @Test
    void stopIsAStringOrUpToFourStrings() {
        assertThat(options("\"stop\":\"END\"").limits().stopSequences()).containsExactly("END");
        assertThat(options("\"stop\":\"\\n\"").limits().stopSequences()).containsExactly("\n");
        assertThat(options("\"stop\":[\"a\",\"b\",\"c\",\"d\"]").limits().stopSequences())
                .containsExactly("a", "b", "c", "d");
        assertThat(options("\"stop\":[]").limits().stopSequences()).isEmpty();
        assertThat(options("\"stop\":null").limits().stopSequences()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "[\"a\",\"b\",\"c\",\"d\",\"e\"]", "[\"a\",\"\"]", "[\"a\",5]", "5", "{}",
            "[null]", "true"})
    void anyOtherStopIsRefusedNamingStop(String stop) {
        invalid("\"stop\":" + stop, "stop");
    }

    @Test
    void maxTokensOrMaxCompletionTokensLimitTheAnswer() {
        assertThat(options("\"max_tokens\":7").limits()).isEqualTo(new Limits(7, List.of()));
        assertThat(options("\"max_completion_tokens\":9").limits()).isEqualTo(new Limits(9, List.of()));
        assertThat(options("\"max_tokens\":5,\"max_completion_tokens\":5").limits().maxOutputTokens()).isEqualTo(5);
        assertThat(options("\"max_tokens\":null,\"stop\":[\"x\"]").limits()).isEqualTo(new Limits(null, List.of("x")));
    }

    @Test
    void twoDifferentTokenLimitsAreRefusedRatherThanOneDropped() {
        assertThat(refused("\"max_tokens\":5,\"max_completion_tokens\":6", "max_tokens", "invalid_request")
                .getMessage()).contains("max_completion_tokens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "1.5", "\"10\"", "true", "3000000000"})
    void aTokenLimitMustBeAPositiveInteger(String value) {
        invalid("\"max_tokens\":" + value, "max_tokens");
        invalid("\"max_completion_tokens\":" + value, "max_completion_tokens");
    }

    @Test
    void oneChoiceAndNoLogprobsAreAccepted() {
        assertThat(options("\"n\":1,\"logprobs\":false,\"modalities\":[\"text\"],\"store\":false,\"logit_bias\":{},"
                + "\"audio\":null,\"top_logprobs\":null").limits()).isEqualTo(Limits.NONE);
    }

    @Test
    void whatTheWebChatCannotDoIsRefusedAsUnsupported() {
        unsupported("\"n\":2", "n");
        unsupported("\"logprobs\":true", "logprobs");
        unsupported("\"top_logprobs\":0", "top_logprobs");
        unsupported("\"top_logprobs\":5", "top_logprobs");
        unsupported("\"audio\":{\"voice\":\"alloy\",\"format\":\"mp3\"}", "audio");
        unsupported("\"modalities\":[\"text\",\"audio\"]", "modalities");
        unsupported("\"prediction\":{\"type\":\"content\",\"content\":\"x\"}", "prediction");
        unsupported("\"web_search_options\":{}", "web_search_options");
        unsupported("\"store\":true", "store");
        unsupported("\"logit_bias\":{\"50256\":-100}", "logit_bias");
    }

    @Test
    void badValuesOfThoseFieldsAreInvalidRatherThanUnsupported() {
        invalid("\"n\":0", "n");
        invalid("\"n\":\"2\"", "n");
        invalid("\"logprobs\":\"yes\"", "logprobs");
        invalid("\"modalities\":\"text\"", "modalities");
        invalid("\"store\":1", "store");
        invalid("\"logit_bias\":[]", "logit_bias");
    }

    @Test
    void samplingAndServiceKnobsAreAcceptedAndIgnored() {
        assertThat(options("\"temperature\":0.7,\"top_p\":1,\"frequency_penalty\":-2,\"presence_penalty\":2,"
                + "\"seed\":42,\"user\":\"u-1\",\"safety_identifier\":\"s\",\"metadata\":{\"k\":\"v\"},"
                + "\"prompt_cache_key\":\"c\",\"prompt_cache_retention\":\"24h\",\"service_tier\":\"auto\","
                + "\"reasoning_effort\":\"low\",\"verbosity\":\"low\""))
                .isEqualTo(new ChatCompletionOptions(Limits.NONE, ResponseFormat.TEXT, null));
    }

    @Test
    void anIgnoredKnobOfTheWrongTypeOrRangeIsStillRefusedNamingIt() {
        invalid("\"temperature\":\"hot\"", "temperature");
        invalid("\"temperature\":2.5", "temperature");
        invalid("\"top_p\":1.1", "top_p");
        invalid("\"frequency_penalty\":-3", "frequency_penalty");
        invalid("\"presence_penalty\":[]", "presence_penalty");
        invalid("\"seed\":1.5", "seed");
        invalid("\"user\":5", "user");
        invalid("\"metadata\":\"tag\"", "metadata");
        invalid("\"reasoning_effort\":1", "reasoning_effort");
    }

    @Test
    void aFieldOutsideTheReferenceIsRefusedAsOpenAiDoes() {
        assertThat(refused("\"top_k\":40", "top_k", "unknown_parameter").getMessage())
                .isEqualTo("Unknown parameter: 'top_k'.");
    }

    @Test
    void responseFormatTextAndJsonObject() {
        assertThat(options("\"response_format\":{\"type\":\"text\"}").format()).isEqualTo(ResponseFormat.TEXT);
        assertThat(options("\"response_format\":null").format()).isEqualTo(ResponseFormat.TEXT);
        assertThat(options("\"response_format\":{\"type\":\"json_object\"}").format())
                .isEqualTo(new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, false));
    }

    @Test
    void responseFormatJsonSchemaCarriesNameSchemaAndStrictness() throws Exception {
        String schema = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";

        ResponseFormat strict = options("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"place\",\"strict\":true,\"schema\":" + schema + "}}").format();
        ResponseFormat loose = options("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"place-2\",\"schema\":" + schema + "}}").format();

        assertThat(strict).isEqualTo(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "place", JSON.readTree(schema),
                true));
        assertThat(loose.strict()).isFalse();
        assertThat(loose.name()).isEqualTo("place-2");
    }

    @Test
    void theFormatsDescriptionGoesIntoTheSchemasDescription() {
        ResponseFormat described = options("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"p\",\"description\":\"Where the user is\",\"schema\":{\"type\":\"object\"}}}").format();
        ResponseFormat both = options("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"p\",\"description\":\"Where\",\"schema\":{\"type\":\"object\","
                + "\"description\":\"A place\"}}}").format();

        assertThat(described.schema().get("description").asText()).isEqualTo("Where the user is");
        assertThat(described.schema().get("type").asText()).isEqualTo("object");
        assertThat(both.schema().get("description").asText()).isEqualTo("Where\nA place");
    }

    @Test
    void aBadResponseFormatIsRefusedNamingTheField() {
        invalid("\"response_format\":\"json\"", "response_format");
        invalid("\"response_format\":{}", "response_format.type");
        invalid("\"response_format\":{\"type\":\"xml\"}", "response_format.type");
        invalid("\"response_format\":{\"type\":\"json_schema\"}", "response_format.json_schema");
        invalid("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{}}}",
                "response_format.json_schema.name");
        invalid("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a b\",\"schema\":{}}}",
                "response_format.json_schema.name");
        invalid("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\"}}",
                "response_format.json_schema.schema");
        invalid("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\",\"schema\":true}}",
                "response_format.json_schema.schema");
        invalid("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\",\"strict\":\"yes\","
                + "\"schema\":{}}}", "response_format.json_schema.strict");
    }

    @Test
    void anUnusableSchemaIsRefusedNamingTheSchema() {
        GatewayException error = refused("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"a\",\"schema\":{\"type\":\"no-such-type\"}}}", "response_format.json_schema.schema",
                "invalid_request");
        assertThat(error.getMessage()).contains("not a valid JSON schema");
    }

    @Test
    void reasoningFormatOverridesTheSettingForOneRequest() {
        assertThat(options("\"reasoning_format\":\"think\"").reasoning()).isEqualTo(ReasoningFormat.THINK);
        assertThat(options("\"reasoning_format\":\"reasoning_content\"").reasoning())
                .isEqualTo(ReasoningFormat.REASONING_CONTENT);
        assertThat(options("\"reasoning_format\":\"hide\"").reasoning()).isEqualTo(ReasoningFormat.HIDE);
        assertThat(options("\"reasoning_format\":null").reasoning()).isNull();
        invalid("\"reasoning_format\":\"raw\"", "reasoning_format");
        invalid("\"reasoning_format\":\"Hide\"", "reasoning_format");
        invalid("\"reasoning_format\":true", "reasoning_format");
    }
}
