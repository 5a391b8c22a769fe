package io.bizmaster.migrate;

/** Supplies the verification gate from an installed verifier; without one, {@link CheckpointGate} is used. */
public interface VerificationGateFactory {

    VerificationGate gate();
}
