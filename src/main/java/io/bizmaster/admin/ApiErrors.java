package io.bizmaster.admin;

import io.bizmaster.store.NotRelationalException;
import io.bizmaster.store.StoreBusyException;
import io.bizmaster.store.UnknownStoreException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors as JSON with a sentence a person can act on. */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(UnknownStoreException.class)
    ResponseEntity<Map<String, String>> unknownStore(UnknownStoreException e) {
        return ResponseEntity.status(404).body(Map.of("error", e.getMessage()));
    }

    /** A replay holds the store: the state of things, not the request, is the problem. */
    @ExceptionHandler(StoreBusyException.class)
    ResponseEntity<Map<String, String>> busy(StoreBusyException e) {
        return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
    }

    /** Verification, a parked list, a snapshot of a record store: not (yet) something that kind of store does. */
    @ExceptionHandler(NotRelationalException.class)
    ResponseEntity<Map<String, String>> notRelational(NotRelationalException e) {
        return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
