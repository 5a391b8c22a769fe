package io.bizmaster.gateway;

import io.bizmaster.broker.Destinations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Splits a posted body (one command or an array of them) into messages for {@code biz.commands} (the
 * {@link CommandRouter} then sends each to its domain's queue), keeping each command's exact bytes: the intake
 * validates what the AppCenter wrote, not a re-serialised copy. A body that is not well-formed JSON is forwarded
 * whole, so the command log records it as rejected with the reason.
 */
public final class CommandSplitter {

    private static final JsonFactory JSON = new JsonFactory();

    private CommandSplitter() {
    }

    public static List<OutgoingCommand> split(byte[] body) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                return List.of(single(body));
            }
            List<OutgoingCommand> commands = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getByteOffset();
                commands.add(single(Arrays.copyOfRange(body, start, end)));
            }
            return commands;
        } catch (RuntimeException e) {
            return List.of(new OutgoingCommand(body, null, null));
        }
    }

    private static OutgoingCommand single(byte[] body) {
        String id = null;
        String key = null;
        String type = null;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value == JsonToken.VALUE_STRING && "id".equals(field)) {
                        id = parser.getString();
                    } else if (value == JsonToken.VALUE_STRING && "key".equals(field)) {
                        key = parser.getString();
                    } else if (value == JsonToken.VALUE_STRING && "type".equals(field)) {
                        type = parser.getString();
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (RuntimeException e) {
            // Unreadable: the intake will say why when it logs it as rejected.
        }
        return new OutgoingCommand(body, id, key, type, Destinations.COMMANDS);
    }
}
