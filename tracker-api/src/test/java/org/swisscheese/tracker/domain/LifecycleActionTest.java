package org.swisscheese.tracker.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swisscheese.tracker.domain.LifecycleAction.DECOMMISSION;
import static org.swisscheese.tracker.domain.LifecycleAction.DEPLOY;
import static org.swisscheese.tracker.domain.LifecycleAction.RESUME;
import static org.swisscheese.tracker.domain.LifecycleAction.SHUTDOWN;
import static org.swisscheese.tracker.domain.LifecycleAction.SUSPEND;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The actions offered in each state are those the lifecycle allows, each by the word that fits it. */
class LifecycleActionTest {

    @Test
    void eachStateOffersTheMovesTheLifecycleAllows() {
        assertThat(LifecycleAction.offeredIn(Lifecycle.REGISTERED)).containsExactly(DEPLOY, DECOMMISSION);
        assertThat(LifecycleAction.offeredIn(Lifecycle.DEPLOYED)).containsExactly(SUSPEND, SHUTDOWN, DECOMMISSION);
        assertThat(LifecycleAction.offeredIn(Lifecycle.SUSPENDED)).containsExactly(RESUME, SHUTDOWN, DECOMMISSION);
        assertThat(LifecycleAction.offeredIn(Lifecycle.SHUT_DOWN)).containsExactly(DEPLOY, DECOMMISSION);
        assertThat(LifecycleAction.offeredIn(Lifecycle.DECOMMISSIONED)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Lifecycle.class)
    void everyActionOfferedLeadsWhereTheLifecycleMayGoAndEveryAllowedStateIsOffered(Lifecycle from) {
        assertThat(LifecycleAction.offeredIn(from)).allMatch(a -> from.canMoveTo(a.target()));
        assertThat(LifecycleAction.offeredIn(from).stream().map(LifecycleAction::target))
                .containsExactlyInAnyOrderElementsOf(from.next());
    }

    @Test
    void theActionsAreNamedAsInTheirEndpoints() {
        assertThat(LifecycleAction.ofPath("shutdown")).contains(SHUTDOWN);
        assertThat(RESUME.path()).isEqualTo("resume");
        assertThat(LifecycleAction.ofPath("reboot")).isEmpty();
    }
}
