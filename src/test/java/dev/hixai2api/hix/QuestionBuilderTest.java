package dev.hixai2api.hix;

import dev.hixai2api.core.ErrorKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import org.junit.jupiter.api.Test;

class QuestionBuilderTest {

    private static final HixModel MINI = ModelRegistry.packaged().select("gpt-4o-mini").orElseThrow().model();

    private static ChatMessage system(String text) {
        return new ChatMessage("system", text);
    }

    private static ChatMessage user(String text) {
        return new ChatMessage("user", text);
    }

    private static ChatMessage assistant(String text) {
        return new ChatMessage("assistant", text);
    }

    private static HixModel limited(int maxInputChars) {
        return new HixModel("test-model", 1, ModelType.STANDARD, 1, maxInputChars);
    }

    @Test
    void loneUserMessageIsSentAsIs() {
        QuestionBuilder.Question question = QuestionBuilder.build(List.of(user("What is 2+2?")), List.of(), MINI);
        assertThat(question.text()).isEqualTo("What is 2+2?");
        assertThat(question.droppedTurns()).isZero();
    }

    @Test
    void loneUserMessageIsStrippedOfSurroundingWhitespace() {
        assertThat(QuestionBuilder.build(List.of(user("  hi\n")), List.of(), MINI).text()).isEqualTo("hi");
    }

    @Test
    void systemAndHistoryAreFoldedAsRoleBlocksSeparatedByBlankLines() {
        List<ChatMessage> messages = List.of(system("Be brief."), user("Hi"), assistant("Hello!"), user("How are you?"));
        QuestionBuilder.Question question = QuestionBuilder.build(messages, List.of(), MINI);
        assertThat(question.text()).isEqualTo("System: Be brief.\n\nUser: Hi\n\nAssistant: Hello!\n\nUser: How are you?");
        assertThat(question.droppedTurns()).isZero();
    }

    @Test
    void systemWithSingleUserMessageIsFolded() {
        assertThat(QuestionBuilder.build(List.of(system("Be brief."), user("Hi")), List.of(), MINI).text())
                .isEqualTo("System: Be brief.\n\nUser: Hi");
    }

    @Test
    void historyWithoutSystemIsFolded() {
        assertThat(QuestionBuilder.build(List.of(user("Hi"), assistant("Hello!"), user("Bye")), List.of(), MINI).text())
                .isEqualTo("User: Hi\n\nAssistant: Hello!\n\nUser: Bye");
    }

    @Test
    void developerMessageCountsAsSystem() {
        assertThat(QuestionBuilder.build(List.of(new ChatMessage("developer", "Rules."), user("Hi")), List.of(), MINI)
                .text()).isEqualTo("System: Rules.\n\nUser: Hi");
    }

    @Test
    void systemMessagesComeFirstWhereverTheyAre() {
        List<ChatMessage> messages = List.of(user("Hi"), assistant("Hello!"), system("Late rule."), user("Go"));
        assertThat(QuestionBuilder.build(messages, List.of(), MINI).text())
                .isEqualTo("System: Late rule.\n\nUser: Hi\n\nAssistant: Hello!\n\nUser: Go");
    }

    @Test
    void thinkBlockIsStrippedFromAssistantTurns() {
        List<ChatMessage> messages = List.of(user("Hi"),
                assistant("<think>\nThe user greets me.\nI should greet back.\n</think>\n\nHello!"), user("Bye"));
        assertThat(QuestionBuilder.build(messages, List.of(), MINI).text())
                .isEqualTo("User: Hi\n\nAssistant: Hello!\n\nUser: Bye");
    }

    @Test
    void thinkTextInUserTurnsIsKept() {
        List<ChatMessage> messages = List.of(user("<think>x</think> Hi"), assistant("Hello!"), user("Bye"));
        assertThat(QuestionBuilder.build(messages, List.of(), MINI).text()).startsWith("User: <think>x</think> Hi");
    }

    @Test
    void emptyMessagesAreSkipped() {
        List<ChatMessage> messages = List.of(system("  "), user("Hi"), assistant(""), user("Bye"));
        assertThat(QuestionBuilder.build(messages, List.of(), MINI).text()).isEqualTo("User: Hi\n\nUser: Bye");
    }

    @Test
    void preMessagesAreInsertedAfterTheLastSystemMessage() {
        List<ChatMessage> messages = List.of(system("S1"), system("S2"), user("Hi"), assistant("Hello"), user("Q"));
        List<ChatMessage> pre = List.of(user("Pre question"), assistant("Pre answer"));
        assertThat(QuestionBuilder.build(messages, pre, MINI).text()).isEqualTo(
                "System: S1\n\nSystem: S2\n\nUser: Pre question\n\nAssistant: Pre answer\n\nUser: Hi\n\nAssistant: Hello\n\nUser: Q");
    }

    @Test
    void preMessagesGoFirstWhenThereIsNoSystemMessage() {
        List<ChatMessage> pre = List.of(user("Pre question"), assistant("Pre answer"));
        assertThat(QuestionBuilder.build(List.of(user("Q")), pre, MINI).text())
                .isEqualTo("User: Pre question\n\nAssistant: Pre answer\n\nUser: Q");
    }

    @Test
    void systemPreMessageIsFoldedWithTheSystemBlocks() {
        assertThat(QuestionBuilder.build(List.of(user("Q")), List.of(system("Always answer in French.")), MINI).text())
                .isEqualTo("System: Always answer in French.\n\nUser: Q");
    }

    @Test
    void oldestTurnsAreDroppedFirstToFitAndCounted() {
        List<ChatMessage> messages = List.of(system("S"), user("aaaa"), assistant("bbbb"), user("cccc"),
                assistant("dddd"), user("last"));
        String full = QuestionBuilder.build(messages, List.of(), MINI).text();
        assertThat(full).hasSize(9 + 2 + 10 + 2 + 15 + 2 + 10 + 2 + 15 + 2 + 10);
        QuestionBuilder.Question question = QuestionBuilder.build(messages, List.of(), limited(full.length() - 1));
        assertThat(question.droppedTurns()).isEqualTo(1);
        assertThat(question.text()).isEqualTo("System: S\n\nAssistant: bbbb\n\nUser: cccc\n\nAssistant: dddd\n\nUser: last");
        assertThat(question.text().length()).isLessThanOrEqualTo(full.length() - 1);
    }

    @Test
    void allEarlierTurnsCanBeDroppedKeepingSystemAndLastMessage() {
        List<ChatMessage> messages = List.of(system("S"), user("aaaa"), assistant("bbbb"), user("last"));
        String minimal = "System: S\n\nUser: last";
        QuestionBuilder.Question question = QuestionBuilder.build(messages, List.of(), limited(minimal.length()));
        assertThat(question.text()).isEqualTo(minimal);
        assertThat(question.droppedTurns()).isEqualTo(2);
    }

    @Test
    void foldExactlyAtTheLimitDropsNothing() {
        List<ChatMessage> messages = List.of(system("S"), user("aaaa"), assistant("bbbb"), user("last"));
        String full = QuestionBuilder.build(messages, List.of(), MINI).text();
        QuestionBuilder.Question question = QuestionBuilder.build(messages, List.of(), limited(full.length()));
        assertThat(question.text()).isEqualTo(full);
        assertThat(question.droppedTurns()).isZero();
    }

    @Test
    void droppedTurnsNeverExceedTheLimit() {
        List<ChatMessage> messages = List.of(system("You are helpful."), user("x".repeat(30)), assistant("y".repeat(40)),
                user("z".repeat(25)), assistant("w".repeat(10)), user("final question"));
        // "System: You are helpful." (24) + blank line + "User: final question" (20) = 46 must always fit
        for (int limit = 46; limit <= 200; limit++) {
            QuestionBuilder.Question question = QuestionBuilder.build(messages, List.of(), limited(limit));
            assertThat(question.text().length()).as("limit %d", limit).isLessThanOrEqualTo(limit);
            assertThat(question.text()).startsWith("System: You are helpful.").endsWith("User: final question");
        }
    }

    @Test
    void systemAndLastMessageOverTheLimitIsContextLengthExceeded() {
        List<ChatMessage> messages = List.of(system("S".repeat(50)), user("old"), assistant("old answer"), user("Q".repeat(60)));
        GatewayException error = catchThrowableOfType(
                () -> QuestionBuilder.build(messages, List.of(), limited(100)), GatewayException.class);
        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        
        assertThat(error.code()).isEqualTo("context_length_exceeded");
        assertThat(error.param()).isEqualTo("messages");
    }

    @Test
    void loneUserMessageOverTheLimitIsContextLengthExceeded() {
        GatewayException error = catchThrowableOfType(
                () -> QuestionBuilder.build(List.of(user("x".repeat(8001))), List.of(), MINI), GatewayException.class);
        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.code()).isEqualTo("context_length_exceeded");
        assertThat(QuestionBuilder.build(List.of(user("x".repeat(8000))), List.of(), MINI).text()).hasSize(8000);
    }

    @Test
    void onlySystemMessagesIsBadRequest() {
        GatewayException error = catchThrowableOfType(
                () -> QuestionBuilder.build(List.of(system("Be brief."), system("Be kind.")), List.of(), MINI),
                GatewayException.class);
        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        
        assertThat(error.param()).isEqualTo("messages");
    }

    @Test
    void onlyEmptyUserMessageIsBadRequest() {
        GatewayException error = catchThrowableOfType(
                () -> QuestionBuilder.build(List.of(user("   ")), List.of(), MINI), GatewayException.class);
        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void blankTrailingUserMessageNeverYieldsAnEmptyQuestion() {
        QuestionBuilder.Question question = QuestionBuilder.build(List.of(user("Hello"), user("  ")), List.of(), MINI);
        assertThat(question.text()).isNotBlank().contains("Hello");
    }

    @Test
    void aToolResultWrittenOutByTheEngineIsFoldedWithoutALabel() {
        List<ChatMessage> messages = List.of(user("Weather?"),
                new ChatMessage("assistant", "<tool_call>{}</tool_call>"),
                new ChatMessage("tool", "Tool result (get_weather, call_1): cold"));

        assertThat(QuestionBuilder.build(messages, List.of(), MINI).text()).isEqualTo(
                "User: Weather?\n\nAssistant: <tool_call>{}</tool_call>\n\nTool result (get_weather, call_1): cold");
    }
}
