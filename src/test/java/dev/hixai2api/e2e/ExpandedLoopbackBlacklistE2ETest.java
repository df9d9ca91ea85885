package dev.hixai2api.e2e;

import org.springframework.test.context.TestPropertySource;

/** IP_BLACK_LIST with ::1 spelled out in full. */
@TestPropertySource(properties = "IP_BLACK_LIST=0:0:0:0:0:0:0:1")
class ExpandedLoopbackBlacklistE2ETest extends LoopbackBlacklistE2ETest {
}
