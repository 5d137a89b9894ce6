package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.firebreak.core.channel.Receiver;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code receivers:} — where each channel delivers. A receiver without credentials is a log receiver: it
 * logs what it would send (the standalone default), so the whole flow works without external accounts.
 */
public class ReceiversConfig {

    @Valid
    @NotNull
    @JsonProperty
    public PagerDuty pagerduty = new PagerDuty();

    @Valid
    @NotNull
    @JsonProperty
    public Slack slack = new Slack();

    @Valid
    @NotNull
    @JsonProperty("slack-war-room")
    public Slack slackWarRoom = new Slack();

    @Valid
    @NotNull
    @JsonProperty
    public Teams teams = new Teams();

    @Valid
    @NotNull
    @JsonProperty
    public Soar soar = new Soar();

    public static class PagerDuty {
        @NotNull
        @JsonProperty
        public String url = "https://events.pagerduty.com/v2/enqueue";

        /** Events API v2 integration key; blank = log receiver. */
        @JsonProperty
        public String routingKey = "";

        /**
         * Integration keys per service ({@code trade-engine: KEY}) or team ({@code "team:trading-core": KEY}, from the
         * alert's {@code team} label): the incident's first service wins, then its team, then {@code routingKey}.
         */
        @NotNull
        @JsonProperty
        public Map<String, String> routingKeys = new LinkedHashMap<>();

        @NotNull
        @JsonProperty
        public Duration timeout = Duration.seconds(10);
    }

    public static class Slack {
        @NotNull
        @JsonProperty
        public String apiUrl = "https://slack.com/api";

        /** Bot token; blank = log receiver. */
        @JsonProperty
        public String token = "";

        @JsonProperty
        public String channel = "#sre-alerts";

        @NotNull
        @JsonProperty
        public List<String> invite = new ArrayList<>();
    }

    public static class Teams {
        /** Workflows webhook URL (it embeds a signature: a secret); blank = log receiver. */
        @JsonProperty
        public String webhookUrl = "";
    }

    public static class Soar {
        @JsonProperty
        public String url = "";

        @NotNull
        @JsonProperty
        public List<String> secrets = new ArrayList<>();
    }

    /** The receivers given credentials or an endpoint; the others are log receivers. */
    public Set<Receiver> configured() {
        Set<Receiver> configured = EnumSet.noneOf(Receiver.class);
        if (!pagerduty.routingKey.isBlank() || !pagerduty.routingKeys.isEmpty()) {
            configured.add(Receiver.PAGERDUTY);
        }
        if (!slack.token.isBlank()) {
            configured.add(Receiver.SLACK);
        }
        if (!slackWarRoom.token.isBlank()) {
            configured.add(Receiver.SLACK_WAR_ROOM);
        }
        if (!teams.webhookUrl.isBlank()) {
            configured.add(Receiver.TEAMS);
        }
        if (!soar.url.isBlank()) {
            configured.add(Receiver.SOAR);
        }
        return configured;
    }
}
