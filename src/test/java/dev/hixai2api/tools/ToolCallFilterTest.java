package dev.hixai2api.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ToolCallFilterTest {

    /** What leaves piece by piece, and at the end. */
    private static List<String> run(ToolCallFilter filter, String... pieces) {
        List<String> out = new java.util.ArrayList<>();
        for (String piece : pieces) {
            out.add(filter.accept(piece));
        }
        out.add(filter.finish());
        return out;
    }

    @Test
    void textBeforeACallStreamsAndNoMarkupLeaves() {
        ToolCallFilter filter = new ToolCallFilter();

        List<String> out = run(filter, "I'll", " check.", "\n<tool_", "call>\n{\"name\":", " \"a\"}\n</tool_call>");

        assertThat(out).containsExactly("I'll", " check.", "", "", "", "");
        assertThat(filter.held()).isEqualTo("\n<tool_call>\n{\"name\": \"a\"}\n</tool_call>");
    }

    @Test
    void aFenceOpenerRightBeforeTheTagIsHeldToo() {
        ToolCallFilter filter = new ToolCallFilter();

        List<String> out = run(filter, "Sure.", "\n```json", "\n", "<tool_call>{}");

        assertThat(String.join("", out)).isEqualTo("Sure.");
        assertThat(filter.held()).startsWith("\n```json\n<tool_call>");
    }

    @Test
    void aHeldTailThatIsNoTagLeavesWithTheNextPieceOrAtTheEnd() {
        ToolCallFilter filter = new ToolCallFilter();

        List<String> out = run(filter, "a <to", "ast> and ```java", "\nint x;\n```", " <t");

        assertThat(out).containsExactly("a", " <toast> and", " ```java\nint x;", "", "\n``` <t");
        assertThat(filter.held()).isEmpty();
    }
}
