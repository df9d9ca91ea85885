package dev.hixai2api.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationInsertReplayTest {

    @TempDir
    Path dir;

    @Test
    void insertsEveryRecordOfEachPhaseAndMeasuresItsCpu() throws Exception {
        ConversationInsertReplay.Replay replay = ConversationInsertReplay.run(dir, 40, 1, 10, false, 2);

        assertThat(replay.phases()).hasSize(2).allSatisfy(phase -> {
            assertThat(phase.inserts()).isEqualTo(40);
            assertThat(phase.cpuMsPerInsert()).isPositive();
        });
        assertThat(replay.records()).isEqualTo(80);
    }

    @Test
    void withoutIndexesTheRecordsStillLand() throws Exception {
        assertThat(ConversationInsertReplay.run(dir, 20, 1, 500, true, 1).records()).isEqualTo(20);
    }
}
