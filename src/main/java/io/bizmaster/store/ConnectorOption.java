package io.bizmaster.store;



/** An option a connector declares, so configuration is checked at start-up and secrets are masked. */
public record ConnectorOption(String name, boolean required, boolean secret, String description) {
}
