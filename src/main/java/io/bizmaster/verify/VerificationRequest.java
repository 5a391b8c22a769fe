package io.bizmaster.verify;



/**
 * The body of {@code POST /api/verifications}.
 *
 * @param entity one entity to verify; absent: every entity both stores' projections declare
 */
public record VerificationRequest(String source, String target, String entity) {
}
