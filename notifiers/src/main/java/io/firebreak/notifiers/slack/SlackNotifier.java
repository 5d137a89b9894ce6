package io.firebreak.notifiers.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.core.channel.Channel;
import io.firebreak.events.Notification;
import io.firebreak.notifiers.DeliveryOutcome;
import io.firebreak.notifiers.Http;
import io.firebreak.notifiers.LogNotifier;
import io.firebreak.notifiers.Notifier;
import io.firebreak.notifiers.RetryPolicy;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the {@code slack} channel's notifications through the Slack Web API with a bot token. Both receivers
 * share the channel's topic (so one incident's Slack notifications stay in order) and this one notifier:
 * <ul>
 *   <li>{@value #WAR_ROOM} (CRITICAL): on the first notification of an incident, {@code conversations.create}
 *       {@code inc-<yyyymmdd>-<service>-<short id>} ({@code name_taken} → reuse the existing channel, found with
 *       {@code conversations.list}; archived → {@code -2} suffix), {@code conversations.invite} the configured
 *       users, then {@code chat.postMessage} the incident card;</li>
 *   <li>{@value #CHANNEL} (and any other receiver name): {@code chat.postMessage} to the configured channel.</li>
 * </ul>
 * Every later notification of the incident — and a redelivered first one — {@code chat.update}s that card, found
 * in {@link SlackMessages}: chat.postMessage is not idempotent, chat.update is.
 *
 * <p>Written on the JDK {@link HttpClient} and Jackson, not {@code com.slack.api:slack-api-client}: we need the raw
 * HTTP status, the {@code Retry-After} header and Slack's error code to classify each answer with our
 * {@link RetryPolicy} (the SDK retries and maps errors its own way), we call five methods with JSON bodies, and the
 * SDK (okhttp, gson, kotlin stdlib) is not among this build's resolvable artifacts.
 *
 * <p>The token never appears in outcomes or logs: Slack's answers are redacted in case they echo it.
 */
public final class SlackNotifier implements Notifier, AutoCloseable {

    public static final String CHANNEL = Channel.SLACK.id();
    public static final String WAR_ROOM = io.firebreak.core.channel.Receiver.SLACK_WAR_ROOM.id();
    /** name_taken by an archived or foreign channel: try name-2 … name-5 before giving up. */
    private static final int MAX_NAME_SUFFIX = 5;

    private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);

    private final Optional<Receiver> channel;
    private final Optional<Receiver> warRoom;
    private final SlackMessages messages;
    private final SlackCards cards;
    private final LogNotifier logOnly = new LogNotifier(CHANNEL);
    /** War-room channel IDs created in this process, so a retried post does not go through name_taken again. */
    private final Map<String, String> warRooms = new HashMap<>();

    public SlackNotifier(SlackSettings channel, SlackSettings warRoom, RetryPolicy policy, SlackMessages messages,
                         HttpClient http, Clock clock) {
        ObjectMapper json = new ObjectMapper();
        this.channel = receiver(channel, policy, http, clock, json);
        this.warRoom = receiver(warRoom, policy, http, clock, json);
        this.messages = Objects.requireNonNull(messages, "messages");
        this.cards = new SlackCards(json);
        if (this.channel.isEmpty() && this.warRoom.isEmpty()) {
            throw new IllegalArgumentException("Slack needs a bot token; use SlackNotifier.fromSettings to fall back to the log receiver");
        }
    }

    /**
     * The Slack notifier when either receiver has a bot token (a receiver without one only logs), else the log
     * receiver. {@code messages} is the card memory the notifier runtime keeps (in {@code firebreak.deliveries.v1}).
     */
    public static Notifier fromSettings(SlackSettings channel, SlackSettings warRoom, RetryPolicy policy, SlackMessages messages) {
        if (channel.token().isEmpty() && warRoom.token().isEmpty()) {
            return new LogNotifier(CHANNEL);
        }
        return new SlackNotifier(channel, warRoom, policy, messages, Http.client(min(channel, warRoom)), Clock.systemUTC());
    }

    private static java.time.Duration min(SlackSettings a, SlackSettings b) {
        return a.timeout().compareTo(b.timeout()) <= 0 ? a.timeout() : b.timeout();
    }

    private static Optional<Receiver> receiver(SlackSettings settings, RetryPolicy policy, HttpClient http, Clock clock, ObjectMapper json) {
        return settings.token().map(token -> new Receiver(settings, new SlackApi(settings, policy, http, clock, json)));
    }

    @Override
    public DeliveryOutcome deliver(Notification n) {
        boolean isWarRoom = WAR_ROOM.equals(n.getReceiver());
        Optional<Receiver> receiver = isWarRoom ? warRoom : channel;
        if (receiver.isEmpty()) {
            return logOnly.deliver(n);
        }
        Optional<SlackMessageRef> card;
        try {
            card = messages.find(n.getIncidentId(), n.getReceiver());
        } catch (RuntimeException e) {
            // posting without knowing would risk a second card: wait until the memory is readable again
            return DeliveryOutcome.unreachable("cannot read the known Slack cards for incident " + n.getIncidentId() + ": " + e);
        }
        try {
            if (card.isPresent()) {
                return update(receiver.get().api(), n, card.get());
            }
            String target = isWarRoom ? openWarRoom(receiver.get(), n) : receiver.get().settings().channel();
            if (target.isBlank()) {
                return new DeliveryOutcome.Permanent("no Slack channel configured for receiver " + n.getReceiver(), OptionalInt.empty());
            }
            return post(receiver.get().api(), n, target);
        } catch (SlackApi.Failure failure) {
            return failure.outcome();
        }
    }

    private DeliveryOutcome update(SlackApi api, Notification n, SlackMessageRef card) throws SlackApi.Failure {
        ObjectNode body = cards.message(n);
        body.put("channel", card.channel()).put("ts", card.ts());
        api.call("chat.update", body);
        return DeliveryOutcome.delivered(card.ref(), 200);
    }

    private DeliveryOutcome post(SlackApi api, Notification n, String target) throws SlackApi.Failure {
        ObjectNode body = cards.message(n);
        body.put("channel", target).put("unfurl_links", false).put("unfurl_media", false);
        body.set("metadata", cards.metadata(n));
        JsonNode answer = api.call("chat.postMessage", body);
        SlackMessageRef card = new SlackMessageRef(answer.path("channel").asText(target), answer.path("ts").asText());
        messages.remember(n, card);
        return DeliveryOutcome.delivered(card.ref(), 200);
    }

    /** The incident's channel ID: created (or found after a crash between create and post), users invited. */
    private String openWarRoom(Receiver receiver, Notification n) throws SlackApi.Failure {
        String known = warRooms.get(n.getIncidentId());
        if (known != null) {
            return known;
        }
        String name = WarRoomNames.channelName(n);
        String id = null;
        for (int attempt = 1; id == null; attempt++) {
            String candidate = attempt == 1 ? name : WarRoomNames.withSuffix(name, attempt);
            try {
                ObjectNode create = new ObjectMapper().createObjectNode().put("name", candidate).put("is_private", false);
                id = receiver.api().call("conversations.create", create).path("channel").path("id").asText();
            } catch (SlackApi.Failure failure) {
                if (!"name_taken".equals(failure.error())) {
                    throw failure;
                }
                // our own channel from an attempt that crashed before posting (names carry an id hash), unless archived
                id = new SlackChannels(receiver.api()).findActive(candidate).orElse(null);
                if (id == null && attempt >= MAX_NAME_SUFFIX) {
                    throw new SlackApi.Failure("name_taken", new DeliveryOutcome.Permanent("Slack war room names "
                            + name + " to " + candidate + " are all taken by channels we cannot use", OptionalInt.of(200)));
                }
            }
        }
        invite(receiver, n, id);
        warRooms.put(n.getIncidentId(), id);
        return id;
    }

    /** Inviting is best effort: a wrong user ID must not keep the card from being posted. Transient failures retry. */
    private void invite(Receiver receiver, Notification n, String channelId) throws SlackApi.Failure {
        if (receiver.settings().invite().isEmpty()) {
            return;
        }
        ObjectNode invite = new ObjectMapper().createObjectNode().put("channel", channelId)
                .put("users", String.join(",", receiver.settings().invite()));
        try {
            receiver.api().call("conversations.invite", invite);
        } catch (SlackApi.Failure failure) {
            if (failure.outcome() instanceof DeliveryOutcome.Retryable) {
                throw failure;
            }
            if (!"already_in_channel".equals(failure.error())) {
                log.warn("war room invite failed, posting anyway incident={} channel={} error={}",
                        n.getIncidentId(), channelId, failure.error());
            }
        }
    }

    /** Closes the card memory when it holds resources (the runtime's memory holds a producer). */
    @Override
    public void close() throws Exception {
        if (messages instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "SlackNotifier[channel=" + channel.map(Receiver::settings) + ", warRoom=" + warRoom.map(Receiver::settings) + "]";
    }

    private record Receiver(SlackSettings settings, SlackApi api) {
    }
}
