package io.bizmaster.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/** {@code domains/forwarding.yaml} as written; {@link Forwarding} checks it against the domains' catalogues. */
record ForwardingFile(
        @NotEmpty(message = "must be a mapping of forwarding rules (posted type: {to, payload})")
        Map<@Pattern(regexp = TYPE_NAME, message = NOT_A_TYPE_NAME) String,
                @NotNull(message = "must be a rule: {to: a catalogue's type, payload: {field: expression}}") @Valid RuleFile> forward) {

    /** As the catalogues name types (command/CatalogFile): a posted type is a type like any other. */
    static final String TYPE_NAME = "[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+";
    static final String NOT_A_TYPE_NAME = "'${validatedValue}' is not a command type name (lowercase dot-separated words, "
            + "e.g. bff.customer.rename)";
    /** A payload field, or a path into it ({@code address.city}): the rule builds the objects on the way. */
    static final String FIELD_PATH = "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*";

    /**
     * @param to      the type the command is queued as, declared by some domain's catalogue
     * @param payload the new payload, field path to expression of the converter language; none: the posted payload
     */
    record RuleFile(
            String description,
            @NotBlank(message = "must name the command type to forward to (a type of some domain's catalogue)") String to,
            Map<@Pattern(regexp = FIELD_PATH, message = "'${validatedValue}' is not a payload field (a name, or a path "
                    + "such as address.city)") String, String> payload) {
    }
}
