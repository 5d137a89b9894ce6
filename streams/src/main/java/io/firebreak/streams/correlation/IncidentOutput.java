package io.firebreak.streams.correlation;

import io.firebreak.core.channel.Receiver;
import io.firebreak.events.Incident;
import io.firebreak.events.IncidentSignal;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.SignalRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the incident processor's results go: incident versions to the incidents sink, notifications to the
 * sink of their channel, all keyed by incident id, and each signal's state to the incident-signals sink. Forwarded inside the task's transaction (exactly_once_v2),
 * so they commit together with the state change that caused them.
 */
final class IncidentOutput {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentOutput.class);
    /** An input older than this when its page is decided is part of a backlog: no early commit (see {@link #commitEarlyFor}). */
    static final long FRESH_MS = 250;
    /** Early commits are at least this far apart (see {@link #commitEarlyFor}). */
    static final long EARLY_COMMIT_SPACING_MS = 20;

    private final ProcessorContext<String, SpecificRecord> context;
    private final String incidentSink;
    private final Map<String, String> sinkByChannel;
    private final String signalSink;
    private long lastEarlyCommit;

    IncidentOutput(ProcessorContext<String, SpecificRecord> context, String incidentSink, String signalSink, Map<String, String> sinkByChannel) {
        this.context = context;
        this.incidentSink = incidentSink;
        this.signalSink = signalSink;
        this.sinkByChannel = Map.copyOf(sinkByChannel);
    }

    /** One signal's latest state in one incident, for the API's paged signal list. */
    void signal(String incidentId, SignalRef signal, long timestamp) {
        IncidentSignal value = IncidentSignal.newBuilder().setIncidentId(incidentId).setSignal(signal).build();
        context.forward(new Record<String, SpecificRecord>(IncidentState.signalKey(incidentId, signal.getFingerprint()), value, timestamp),
                signalSink);
    }

    void incident(Incident incident, long timestamp) {
        context.forward(new Record<String, SpecificRecord>(incident.getId(), incident, timestamp), incidentSink);
    }

    /** Stamps each notification with the stage of the incident version it belongs to, then sends it to its channel. */
    void notifications(Incident incident, List<Notification> notifications, long timestamp) {
        commitEarlyFor(notifications, timestamp);
        for (Notification notification : notifications) {
            notification.setStage(incident.getStage());
            Map<String, String> details = new LinkedHashMap<>(notification.getDetails());
            details.put("stage", incident.getStage().name());
            notification.setDetails(details);
            String sink = sinkByChannel.get(notification.getChannel());
            if (sink == null) {
                LOG.error("event=notification_dropped reason=no_topic_for_channel incident={} receiver={} channel={}",
                        incident.getId(), notification.getReceiver(), notification.getChannel());
                continue;
            }
            LOG.info("event=notify incident={} receiver={} kind={} severity={} notification={}", incident.getId(),
                    notification.getReceiver(), notification.getKind(), notification.getSeverity(), notification.getId());
            context.forward(new Record<String, SpecificRecord>(incident.getId(), notification, timestamp), sink);
        }
    }

    /**
     * A page, or its acknowledgement or resolve, asks for the task's transaction to be committed now rather than at the
     * end of the commit interval: the notifiers read committed records only, so the interval (100 ms by default) is a
     * wait every page would pay, half of it on average. Only while the task keeps up (the input is at most
     * {@link #FRESH_MS} old) and at most once per {@link #EARLY_COMMIT_SPACING_MS}: in a backlog, or when a storm opens
     * hundreds of incidents at once, a commit per page would cost more than it saves, and the interval commit comes
     * soon anyway. What pages nobody (Slack, Teams, SOAR) and routine UPDATEs wait for the interval: a storm of warnings
     * opening 200 incidents in its first second asked for a commit every 20 ms on each stream thread, each a
     * transaction of 10–25 ms on a 2-core host, and the pages of that second waited behind them (sustained benchmark).
     */
    private void commitEarlyFor(List<Notification> notifications, long timestamp) {
        if (notifications.stream().noneMatch(IncidentOutput::pages)) {
            return;
        }
        long now = context.currentSystemTimeMs();
        if (now - timestamp <= FRESH_MS && now - lastEarlyCommit >= EARLY_COMMIT_SPACING_MS) {
            lastEarlyCommit = now;
            context.commit();
        }
    }

    /** A TRIGGER, ACKNOWLEDGE or RESOLVE for a receiver that pages a person. */
    private static boolean pages(Notification notification) {
        return notification.getKind() != NotificationKind.UPDATE && Receiver.paging(notification.getReceiver());
    }
}
