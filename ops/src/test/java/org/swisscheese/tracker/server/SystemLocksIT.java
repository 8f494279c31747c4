package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.swisscheese.tracker.command.SystemLocks;

/** The assembled server puts the systems' locks on its command bus and its deadline manager (db-scheduler's). */
class SystemLocksIT extends RealBrokerAndDatabase {

    @Autowired
    SystemLocks systemLocks;

    @Test
    void commandsAndDeadlinesTakeTheirSystemsLock() {
        assertThat(systemLocks.installed()).isTrue();
    }
}
