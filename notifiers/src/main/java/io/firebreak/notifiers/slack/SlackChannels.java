package io.firebreak.notifiers.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Finds a channel by name with {@code conversations.list} (paged by cursor), skipping archived ones. */
final class SlackChannels {

    /** 20 pages of 1000 channels: a workspace larger than that is searched no further. */
    private static final int MAX_PAGES = 20;

    private final SlackApi api;

    SlackChannels(SlackApi api) {
        this.api = api;
    }

    Optional<String> findActive(String name) throws SlackApi.Failure {
        String cursor = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> arguments = new LinkedHashMap<>();
            arguments.put("types", "public_channel,private_channel");
            arguments.put("exclude_archived", "true");
            arguments.put("limit", "1000");
            if (!cursor.isEmpty()) {
                arguments.put("cursor", cursor);
            }
            JsonNode answer = api.callForm("conversations.list", arguments);
            for (JsonNode channel : answer.path("channels")) {
                if (name.equals(channel.path("name").asText()) && !channel.path("is_archived").asBoolean(false)) {
                    return Optional.of(channel.path("id").asText());
                }
            }
            cursor = answer.path("response_metadata").path("next_cursor").asText("");
            if (cursor.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
