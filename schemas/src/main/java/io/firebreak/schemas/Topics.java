package io.firebreak.schemas;

import io.firebreak.core.channel.Channel;
import io.firebreak.events.BurnRate;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.IncidentSignal;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.LogRecord;
import io.firebreak.events.MaintenanceWindow;
import io.firebreak.events.Notification;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RcaReport;
import io.firebreak.events.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every topic of DESIGN §2 in one typed place: no topic name is spelled anywhere else (a notification channel's two
 * topics are named by its {@link Channel}, declared with the channel).
 */
public final class Topics {

    public static final Topic<Signal> SIGNALS = Topic.deleteAfter("firebreak.signals.v1", Signal.class, Duration.ofDays(7));
    public static final Topic<ChangeEvent> CHANGES = Topic.deleteAfter("firebreak.changes.v1", ChangeEvent.class, Duration.ofDays(30));
    public static final Topic<RcaReport> RCA = Topic.deleteAfter("firebreak.rca.v1", RcaReport.class, Duration.ofDays(7));
    public static final Topic<LogRecord> LOGS = Topic.deleteAfter("firebreak.logs.v1", LogRecord.class, Duration.ofDays(1));
    public static final Topic<BurnRate> BURN = Topic.compacted("firebreak.burn.v1", BurnRate.class);
    public static final Topic<LifecycleCommand> ACTIONS = Topic.deleteAfter("firebreak.actions.v1", LifecycleCommand.class, Duration.ofDays(30));
    public static final Topic<Incident> INCIDENTS = Topic.compacted("firebreak.incidents.v1", Incident.class);
    /**
     * Every signal of every incident in full, key {@code <incident id>|<fingerprint>}: the incident record itself keeps
     * only counts and a sample so that it stays bounded in a storm; the API pages through these. Kept 90 days (the API's
     * default history): one record per signal of every incident would otherwise accumulate forever.
     */
    public static final Topic<IncidentSignal> INCIDENT_SIGNALS = Topic.compactedFor("firebreak.incident-signals.v1", IncidentSignal.class,
            Duration.ofDays(90));
    public static final Topic<DeliveryReceipt> DELIVERIES = Topic.compacted("firebreak.deliveries.v1", DeliveryReceipt.class);
    public static final Topic<Postmortem> POSTMORTEMS = Topic.compacted("firebreak.postmortems.v1", Postmortem.class);
    /** Maintenance windows by id (config and API); the correlation reads them as a global store. */
    public static final Topic<MaintenanceWindow> MAINTENANCE = Topic.compacted("firebreak.maintenance.v1", MaintenanceWindow.class);

    /** Inputs of the correlation topology that could not be read or processed (DESIGN §2 naming; delete, 30d). */
    public static final DeadLetterTopic CORRELATION_DLQ = new DeadLetterTopic("firebreak.correlation.dlq.v1", Duration.ofDays(30));
    /** Inputs of the SLO engine that could not be read or processed. */
    public static final DeadLetterTopic SLO_DLQ = new DeadLetterTopic("firebreak.slo.dlq.v1", Duration.ofDays(30));

    static {
        TrustedPackages.trustEvents();
    }

    private Topics() {
    }

    /** {@code firebreak.notify.<channel>.v1}: notifications waiting for one channel's notifier. */
    public static Topic<Notification> notify(Channel channel) {
        return Topic.deleteAfter(channel.notifyTopic(), Notification.class, Duration.ofDays(7));
    }

    /** {@link #notify(Channel)} by the channel's name on the wire; an unknown name fails, listing the channels. */
    public static Topic<Notification> notify(String channel) {
        return notify(Channel.of(channel));
    }

    /** {@code firebreak.notify.<channel>.dlq.v1}: notifications that could not be delivered, with the reason. */
    public static Topic<Notification> deadLetters(Channel channel) {
        return Topic.deleteAfter(channel.deadLetterTopic(), Notification.class, Duration.ofDays(30));
    }

    /** {@link #deadLetters(Channel)} by the channel's name on the wire; an unknown name fails, listing the channels. */
    public static Topic<Notification> deadLetters(String channel) {
        return deadLetters(Channel.of(channel));
    }

    /** Every topic firebreak reads or writes, for start-up creation. */
    public static List<Topic<?>> all() {
        List<Topic<?>> all = new ArrayList<>(List.of(SIGNALS, CHANGES, RCA, LOGS, BURN, ACTIONS, INCIDENTS, INCIDENT_SIGNALS, DELIVERIES, POSTMORTEMS,
                MAINTENANCE));
        for (Channel channel : Channel.values()) {
            all.add(notify(channel));
            all.add(deadLetters(channel));
        }
        return List.copyOf(all);
    }

    /** The dead-letter topics of the streams applications, for start-up creation. */
    public static List<DeadLetterTopic> deadLetterTopics() {
        return List.of(CORRELATION_DLQ, SLO_DLQ);
    }
}
