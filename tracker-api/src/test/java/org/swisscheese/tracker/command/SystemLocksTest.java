package org.swisscheese.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.api.Commands.AcknowledgeIncident;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.SystemId;

/** A system's lock keeps deadlines and commands on it out while an ingest lane's transaction holds it. */
class SystemLocksTest {

    private final SystemLocks locks = new SystemLocks();
    private final SystemId system = SystemId.of("llm-1");

    @Test
    void aQuietCheckWaitsUntilTheLaneHoldingItsSystemLetsGo() throws Exception {
        locks.lock(system); // the lane, mid-transaction
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> {
            started.countDown();
            var unitOfWork = DefaultUnitOfWork.startAndGet(GenericDeadlineMessage.asDeadlineMessage(
                    "incident-quiet", IncidentId.of(system, 1).toString()));
            unitOfWork.execute(() -> {
                try {
                    new DefaultInterceptorChain<>(unitOfWork, List.of(locks.deadlines()), message -> {
                                ran.set(true);
                                return null;
                            })
                            .proceed();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(ran).as("ran while the lane held the system").isFalse();
        locks.unlock(system); // the lane's transaction ended
        deadline.get(5, TimeUnit.SECONDS);
        assertThat(ran).isTrue();
    }

    @Test
    void aCommandHoldsItsSystemUntilItsUnitOfWorkEndsAndTheLaneOwnCommandsPass() throws Exception {
        locks.lock(system); // the lane sends its own command on the same thread: reentrant
        var unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(
                new AcknowledgeIncident(system, IncidentId.of(system, 1), "op")));
        AtomicBoolean heldInside = new AtomicBoolean();
        unitOfWork.execute(() -> {
            try {
                new DefaultInterceptorChain<>(unitOfWork, List.of(locks.commands()), message -> {
                            heldInside.set(locks.isHeldByCurrentThread(system));
                            return null;
                        })
                        .proceed();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(heldInside).isTrue();
        assertThat(locks.isHeldByCurrentThread(system))
                .as("the lane still holds it")
                .isTrue();
        locks.unlock(system);
        assertThat(locks.isHeldByCurrentThread(system)).isFalse();
    }

    @Test
    void deadlinesAndCommandsThatNameNoSystemTakeNoLock() throws Exception {
        var unitOfWork = DefaultUnitOfWork.startAndGet(GenericDeadlineMessage.asDeadlineMessage("other", 42));
        AtomicBoolean ran = new AtomicBoolean();
        unitOfWork.execute(() -> {
            try {
                new DefaultInterceptorChain<>(unitOfWork, List.of(locks.deadlines()), message -> {
                            ran.set(true);
                            return null;
                        })
                        .proceed();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(ran).isTrue();
    }
}
