package org.swisscheese.tracker.command;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.swisscheese.tracker.api.IncidentId;
import org.swisscheese.tracker.api.SystemId;

/**
 * One lock per system, taken before its aggregate is loaded and held until what changed it is committed.
 * <p>
 * An ingest lane applies several systems' commands in one database transaction, so between a command and the lane's
 * commit the cached aggregate is ahead of the store. Axon's own aggregate lock ends with the command, so an incident's
 * quiet check (a deadline) or a responder's command on the same system could run in that moment, decide from state the
 * store does not have, and fail on append (and be retried). The lane holds its systems' locks until its transaction
 * ends; deadlines and every command on a system take the system's lock for their unit of work. A lock is always taken
 * before the aggregate's, and a lane's systems are its own (a system always takes the same lane), so no two threads
 * wait on each other. Reentrant: the lane's own commands pass.
 */
public class SystemLocks {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private volatile boolean onCommands;
    private volatile boolean onDeadlines;

    /** Whether the command bus and a deadline manager have the locks' interceptors (they come as beans are made). */
    public boolean installed() {
        return onCommands && onDeadlines;
    }

    public void lock(SystemId system) {
        locks.computeIfAbsent(system.value(), k -> new ReentrantLock()).lock();
    }

    public void unlock(SystemId system) {
        ReentrantLock lock = locks.get(system.value());
        if (lock != null && lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    public void unlockAll(List<SystemId> systems) {
        systems.forEach(this::unlock);
    }

    /** Whether the calling thread holds the system's lock (for tests and assertions). */
    public boolean isHeldByCurrentThread(SystemId system) {
        ReentrantLock lock = locks.get(system.value());
        return lock != null && lock.isHeldByCurrentThread();
    }

    /** Holds the system's lock for a unit of work: taken now, given back when the unit of work is cleaned up. */
    private Object within(SystemId system, UnitOfWork<?> unitOfWork, InterceptorChain chain) throws Exception {
        if (system == null) {
            return chain.proceed();
        }
        lock(system);
        unitOfWork.onCleanup(u -> unlock(system));
        return chain.proceed();
    }

    /** Commands on a system: the target of a command that names a {@link SystemId}. */
    MessageHandlerInterceptor<CommandMessage<?>> commands() {
        CommandTargetResolver targets =
                AnnotationCommandTargetResolver.builder().build();
        return (unitOfWork, chain) -> within(systemOf(targets, unitOfWork.getMessage()), unitOfWork, chain);
    }

    /** Deadlines of a system: an incident's quiet check names the incident, and so its system. */
    MessageHandlerInterceptor<DeadlineMessage<?>> deadlines() {
        return (unitOfWork, chain) -> within(systemOf(unitOfWork.getMessage()), unitOfWork, chain);
    }

    private static SystemId systemOf(CommandTargetResolver targets, CommandMessage<?> command) {
        try {
            String id = targets.resolveTarget(command).getIdentifier();
            return SystemId.isValid(id) ? SystemId.of(id) : null;
        } catch (IllegalArgumentException noTarget) {
            return null; // a command that creates a system, or targets no aggregate of ours
        }
    }

    private static SystemId systemOf(DeadlineMessage<?> deadline) {
        if (deadline.getPayload() instanceof String incident) {
            try {
                return IncidentId.of(incident).systemId();
            } catch (IllegalArgumentException notAnIncident) {
                return null;
            }
        }
        return null;
    }

    /** Puts the interceptors on the command bus and on every deadline manager as they are created. */
    static BeanPostProcessor installer(SystemLocks locks) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof CommandBus bus) {
                    bus.registerHandlerInterceptor(locks.commands());
                    locks.onCommands = true;
                } else if (bean instanceof DeadlineManager deadlines) {
                    deadlines.registerHandlerInterceptor(locks.deadlines());
                    locks.onDeadlines = true;
                }
                return bean;
            }
        };
    }
}
