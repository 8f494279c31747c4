package org.swisscheese.tracker.rest;

import java.util.NoSuchElementException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals in words: a bad request is a 400, an unknown thing a 404, a refused transition a 409. */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "unreadable request: " + rootMessage(e));
    }

    @ExceptionHandler({IllegalArgumentException.class, IllegalStateException.class, NoSuchElementException.class,
            AggregateNotFoundException.class, AggregateStreamCreationException.class,
            CommandExecutionException.class, EventStoreException.class})
    ProblemDetail refused(RuntimeException e) {
        Throwable cause = e;
        while (cause instanceof CommandExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return problem(HttpStatus.NOT_FOUND, "no system '" + notFound.getAggregateIdentifier() + "'");
        }
        if (cause instanceof AggregateStreamCreationException || (cause instanceof EventStoreException
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
