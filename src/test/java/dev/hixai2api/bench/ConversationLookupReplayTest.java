package dev.hixai2api.bench;

import java.nio.file.Path;
import java.util.List;

import dev.hixai2api.persistence.DataSourceConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConversationLookupReplayTest {

    @TempDir
    Path dir;

    @Test
    void everyContinuationFindsClaimsAndAdvancesItsStoredRecord() throws Exception {
        List<ConversationLookupReplay.Phase> phases =
                ConversationLookupReplay.run(dir, 500, 40, 1, DataSourceConfiguration.CACHE_SIZE_KB, 2);

        assertThat(phases).hasSize(2).allSatisfy(phase -> {
            assertThat(phase.answers()).isEqualTo(40);
            assertThat(phase.continued()).isEqualTo(20);
            assertThat(phase.cpuMsPerAnswer()).isPositive();
            assertThat(phase.p99Ms()).isGreaterThanOrEqualTo(phase.p50Ms()).isPositive();
        });
    }

    @Test
    void moreContinuationsThanStoredRecordsAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConversationLookupReplay.run(dir, 10, 40, 1, 1024, 1))
                .withMessageContaining("20 continuations");
    }
}
