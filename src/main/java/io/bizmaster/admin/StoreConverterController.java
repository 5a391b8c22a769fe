package io.bizmaster.admin;

import io.bizmaster.apply.ConverterSwitch;
import io.bizmaster.store.ConverterRef;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/stores/{name}/converter {"converter": "modern@2"}}: seed scenario 2, while the store is paused. */
@RestController
public class StoreConverterController {

    private final ConverterSwitch converterSwitch;
    private final StoreStatusService status;

    public StoreConverterController(ConverterSwitch converterSwitch, StoreStatusService status) {
        this.converterSwitch = converterSwitch;
        this.status = status;
    }

    @PostMapping("/api/stores/{name}/converter")
    public StoreStatus setConverter(@PathVariable String name, @RequestBody Map<String, String> body) {
        String converter = body == null ? null : body.get("converter");
        if (converter == null || converter.isBlank()) {
            throw new IllegalArgumentException("give the converter as {\"converter\": \"name@version\"}");
        }
        converterSwitch.set(name, ConverterRef.parse(converter.trim()));
        return status.one(name);
    }

    /** Not paused: the operator must pause first; a conflict with the store's state, not a bad request. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
        return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
    }
}
