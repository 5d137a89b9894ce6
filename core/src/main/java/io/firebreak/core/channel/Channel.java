package io.firebreak.core.channel;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The notification channels of DESIGN §9: each has its own topic and its own consumer group, so one channel's outage
 * never delays another. A channel's name and topics are declared here and nowhere else, what it does on its
 * {@link Receiver}s: adding a channel is a constant here, its receivers with their duty, and its notifier in the
 * application's wiring (an exhaustive switch, so a channel without a notifier does not compile).
 */
public enum Channel {
    PAGERDUTY("pagerduty"),
    SLACK("slack"),
    TEAMS("teams"),
    SOAR("soar");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    /** The name on the wire: in topic names, consumer groups, {@code Notification.channel} and the CLI. */
    public String id() {
        return id;
    }

    /** {@code firebreak.notify.<channel>.v1} (DESIGN §2): notifications waiting for this channel's notifier. */
    public String notifyTopic() {
        return "firebreak.notify." + id + ".v1";
    }

    /** {@code firebreak.notify.<channel>.dlq.v1} (DESIGN §2): notifications that could not be delivered. */
    public String deadLetterTopic() {
        return "firebreak.notify." + id + ".dlq.v1";
    }

    /** The channel a name on the wire stands for; names are matched exactly, as they are written in topic names. */
    public static Optional<Channel> named(String id) {
        return Arrays.stream(values()).filter(channel -> channel.id.equals(id)).findFirst();
    }

    /** Like {@link #named} for a name that must be a channel: an unknown one is a caller's error, told with the choices. */
    public static Channel of(String id) {
        return named(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown notification channel '" + id + "', expected one of " + ids()));
    }

    /** Every channel's name, in declaration order (e.g. the CLI's choices). */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Channel::id).toList();
    }
}
