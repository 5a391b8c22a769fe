package io.bizmaster.log;

/**
 * What an operator searches the command log by; a null criterion matches every entry.
 *
 * @param key the entity key ({@code key} of the command)
 */
public record LogSearch(CommandStatus status, String type, String key, String commandId) {

    public boolean isEmpty() {
        return status == null && type == null && key == null && commandId == null;
    }
}
