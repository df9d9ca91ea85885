package dev.hixai2api.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The floor relay's work on purpose: what the setting says, in CPU time. */
class RelayWorkTest {

    @Test
    void readsEachPartInMicroseconds() {
        assertThat(RelayWork.parse("before=300, event=40,end=400,background=450"))
                .isEqualTo(new RelayWork(300_000, 40_000, 400_000, 450_000));
        assertThat(RelayWork.parse("event=25")).isEqualTo(new RelayWork(0, 25_000, 0, 0));
        assertThat(RelayWork.parse("").none()).isTrue();
        assertThat(RelayWork.parse("event=25").backgroundThread()).isNull();
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> RelayWork.parse("after=300")).hasMessageContaining("'after'");
        assertThatThrownBy(() -> RelayWork.parse("event")).hasMessageContaining("'event'");
        assertThatThrownBy(() -> RelayWork.parse("event=1.5")).hasMessageContaining("'event=1.5'");
        assertThatThrownBy(() -> RelayWork.parse("end=-1")).hasMessageContaining("negative");
    }

    @Test
    void spinsForTheThreadsCpuTimeNotTheClock() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();

        RelayWork.spin(Duration.ofMillis(30).toNanos());

        assertThat(threads.getCurrentThreadCpuTime() - before).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
    }
}
