package org.swisscheese.tracker.rest;

import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals in words: a bad request is a 400, an unknown thing a 404, a refused transition a 409. */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (causedBy(e, RequestSizeLimit.TooLarge.class)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "request body too large");
        }
        return problem(HttpStatus.BAD_REQUEST, "unreadable request: " + rootMessage(e));
    }

    /**
     * The database cannot be reached: say so at once, with when to try again, instead of a 500 after a long wait.
     * Anything else unexpected is a 500 without internals.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, CompletionException.class})
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (databaseUnavailable(e)) {
            return unavailable(e);
        }
        if (causedBy(e, AxonTimeoutException.class)) {
            return overloaded(e);
        }
        log.error("request failed", e);
        return ResponseEntity.internalServerError()
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "the request could not be handled"));
    }

    private static ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("refused a request while the database cannot be reached: {}", rootMessage(e));
        return tryAgainIn(5, "the event store cannot be reached right now; nothing was changed, try again shortly");
    }

    /**
     * A read that ran past the time Axon allows a query handler ({@code axon.timeout.handler.queries}, 30 s): the
     * server is too busy to answer it now, which is a 503 with when to try again, not a failure of the request.
     */
    private static ResponseEntity<ProblemDetail> overloaded(Exception e) {
        log.warn("a read ran out of time: {}", rootMessage(e));
        return tryAgainIn(30, "the server is too busy to answer this in time; nothing was changed, try again shortly");
    }

    private static ResponseEntity<ProblemDetail> tryAgainIn(int seconds, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, detail));
    }

    static boolean databaseUnavailable(Throwable e) {
        return causedBy(e, CannotGetJdbcConnectionException.class)
                || causedBy(e, CannotCreateTransactionException.class)
                || causedBy(e, SQLTransientConnectionException.class)
                || causedBy(e, DataAccessResourceFailureException.class)
                || causedBy(e, java.net.ConnectException.class);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler({
        IllegalArgumentException.class,
        IllegalStateException.class,
        NoSuchElementException.class,
        AggregateNotFoundException.class,
        AggregateStreamCreationException.class,
        CommandExecutionException.class,
        EventStoreException.class
    })
    ResponseEntity<ProblemDetail> refused(RuntimeException e) {
        if (databaseUnavailable(e)) {
            return unavailable(e);
        }
        ProblemDetail problem = refusal(e);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private ProblemDetail refusal(RuntimeException e) {
        Throwable cause = e;
        while (cause instanceof CommandExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return problem(HttpStatus.NOT_FOUND, "no system '" + notFound.getAggregateIdentifier() + "'");
        }
        if (cause instanceof AggregateStreamCreationException
                || (cause instanceof EventStoreException
                        && String.valueOf(cause.getMessage()).startsWith("Cannot reuse aggregate identifier"))) {
            return problem(HttpStatus.CONFLICT, "a system with this id is already registered");
        }
        if (cause instanceof NoSuchElementException) {
            return problem(HttpStatus.NOT_FOUND, cause.getMessage());
        }
        if (cause instanceof IllegalStateException) {
            return problem(HttpStatus.CONFLICT, cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            return problem(HttpStatus.BAD_REQUEST, cause.getMessage());
        }
        log.error("command failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "the command could not be applied");
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
