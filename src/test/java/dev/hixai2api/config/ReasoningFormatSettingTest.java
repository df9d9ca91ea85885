package dev.hixai2api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** REASONING_FORMAT and its older spelling REASONING_HIDE=1, as the gateway binds them at start. */
class ReasoningFormatSettingTest {

    @Test
    void unsetIsThinkAsTheGoTool() {
        assertThat(TestGatewayProperties.of(Map.of()).reasoningFormat()).isEqualTo("think");
        assertThat(TestGatewayProperties.of(Map.of("reasoning-format", "")).reasoningFormat()).isEqualTo("think");
    }

    @Test
    void eachFormatIsTakenAsSet() {
        for (String format : new String[] {"think", "reasoning_content", "hide"}) {
            assertThat(TestGatewayProperties.of(Map.of("reasoning-format", " " + format + " ")).reasoningFormat())
                    .isEqualTo(format);
        }
    }

    @Test
    void reasoningHideIsHide() {
        assertThat(TestGatewayProperties.of(Map.of("reasoning-hide", "1")).reasoningFormat()).isEqualTo("hide");
        assertThat(TestGatewayProperties.of(Map.of("reasoning-hide", "1", "reasoning-format", "hide"))
                .reasoningFormat()).isEqualTo("hide");
    }

    @Test
    void reasoningHideAndAnotherFormatStopTheStartNamingBoth() {
        assertThatThrownBy(() -> TestGatewayProperties.of(Map.of("reasoning-hide", "1",
                "reasoning-format", "reasoning_content")))
                .rootCause().hasMessageContaining("REASONING_HIDE=1").hasMessageContaining("REASONING_FORMAT");
    }

    @Test
    void anUnknownFormatStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> TestGatewayProperties.of(Map.of("reasoning-format", "raw")))
                .rootCause().hasMessageContaining("REASONING_FORMAT").hasMessageContaining("raw");
    }
}
