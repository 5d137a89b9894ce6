package io.firebreak.embedded;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and aborts <em>hanging</em> transactions on the embedded broker: a partition holding an open transaction that
 * its coordinator no longer counts as open on that partition. Nothing would ever end it, so its last stable offset
 * stays put and every read_committed reader (correlation, its state restore, the notifiers, the API) stops there,
 * forever, with every health check green.
 *
 * <p>Why the embedded broker needs this: it dies with the process on {@code kill -9}, coordinator and partition
 * leaders together. On the next start the broker first acts on the metadata it replays (leader of everything it led
 * before, at the old epoch), is then fenced and re-admitted by its controller (same process), all while its transaction
 * coordinator already completes the transactions the crash left in flight. A coordinator that cannot find a partition's
 * leader while sending markers takes the partition for deleted, drops it from the transaction and completes it
 * without that marker (Kafka's {@code TransactionMarkerChannelManager}: "these partitions are likely deleted already").
 * Observed: after three kills {@code CrashRecoveryIT} on the code before this guard found the correlation producer's
 * transaction (epoch 18) open on six partitions while its coordinator had it {@code Empty} at epoch 21; correlation's
 * state restore waited on it forever and 4,814 of 4,929 acknowledged alerts never reached an incident.
 *
 * <p>The repair ends the transaction on that partition the way its coordinator decided: the coordinator's own log
 * ({@link TransactionOutcomes}) tells whether it prepared to commit or abort it; a committed one is rolled forward with a
 * commit marker ({@link TransactionMarkers}), anything else gets an abort marker (Kafka's own repair,
 * {@code kafka-transactions.sh find-hanging} / {@code abort}, KIP-664) — a transaction never prepared to commit was never
 * reported committed to its producer. Aborting a committed one instead (this class's first version) lost its records on
 * that partition: once an incident-id counter's update, after which a later incident reused the id and overwrote the
 * first. While clients run, a transaction is ended only when two checks at least {@link #CONFIRM} apart found the same
 * one open on the partition while its coordinator did not list the partition in an open transaction, so a transaction
 * that merely completes between two calls is never touched; at start, before any client, at once ({@link #settle}).
 */
final class HangingTransactions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);
    /**
     * How soon a suspect is checked again, and the first check after a start that could not settle. A transaction its
     * coordinator completed has had its markers acknowledged already, so a suspect that is not a hang is gone within
     * milliseconds.
     */
    static final Duration CONFIRM = Duration.ofSeconds(2);
    private static final long CALL_TIMEOUT_SECONDS = 10;
    /** How long the start waits for the coordinator to finish what the last run left prepared. */
    static final Duration SETTLE_WITHIN = Duration.ofSeconds(15);
    private static final Duration SETTLE_POLL = Duration.ofMillis(100);

    /** One open transaction on one partition, as the partition's producer state shows it. */
    record OpenTransaction(TopicPartition partition, long producerId, int producerEpoch, int coordinatorEpoch, long startOffset) {
    }

    /** What the coordinator says about a producer id: its transactional id's state, if it still knows one. */
    record CoordinatorView(long producerId, int producerEpoch, TransactionState state, Set<TopicPartition> partitions) {
    }

    private final Admin admin;
    private final String bootstrapServers;
    private final ScheduledExecutorService scheduler;
    /** Hanging at the previous check: aborted if still hanging at this one. */
    private volatile Set<OpenTransaction> suspects = Set.of();

    private HangingTransactions(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "embedded-kafka-hanging-transactions");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Settles what the broker's last run left hanging ({@link #settle}), then checks every {@link #INTERVAL} until
     * closed; {@link #CONFIRM} while a suspect waits or the last check failed.
     */
    static HangingTransactions watch(String bootstrapServers) {
        HangingTransactions guard = new HangingTransactions(Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "firebreak-embedded-hanging-transactions")), bootstrapServers);
        guard.scheduleNext(guard.settle(SETTLE_WITHIN) ? INTERVAL : CONFIRM);
        return guard;
    }

    /**
     * The first pass, run before {@link EmbeddedCluster#start} returns and so before any client of this process exists:
     * waits until the coordinator has no transaction left half-way (prepared, markers not all written), then ends every
     * hanging transaction at once. It cannot wait for a second check as {@link #check} does: the first transaction the
     * restarted producer writes to such a partition hides the hang for good (the partition then shows one open
     * transaction at the new epoch, which its coordinator does list), and when that transaction aborts, the committed
     * records before it go with it. The kill -9 soak lost four pages that way: a PagerDuty trigger committed everywhere
     * but on its own partition, whose marker the restarted coordinator dropped; the correlation producer wrote there
     * again 3 s after the broker started, before the second check. Ending at once is safe here: with no client and no
     * prepared transaction, a transaction can end between this pass's two calls only by its coordinator's timeout,
     * and the abort marker this pass then writes again is one Kafka itself accepts as a retried marker.
     *
     * @return whether the pass ran; after {@code within} it gives up (logged) and leaves the rest to the periodic check
     */
    boolean settle(Duration within) {
        long started = System.nanoTime();
        long deadline = started + within.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (!coordinatorCompleting()) {
                    int ended = sweep(true);
                    LOG.info("event=hanging_transactions_settled ended={} tookMs={}", ended, (System.nanoTime() - started) / 1_000_000);
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                last = e; // usually the coordinator still loading its log: try again
            }
            LockSupport.parkNanos(SETTLE_POLL.toNanos());
        }
        LOG.warn("event=hanging_transactions_unsettled withinMs={} reason=\"{}\"", within.toMillis(),
                last == null ? "the coordinator kept a prepared transaction" : last.toString());
        return false;
    }

    /** Whether the coordinator still has a transaction prepared to end, whose markers it is writing. */
    private boolean coordinatorCompleting() throws Exception {
        return !admin.listTransactions(new ListTransactionsOptions().filterStates(List.of(TransactionState.PREPARE_COMMIT,
                TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE))).all()
                .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).isEmpty();
    }

    private void scheduleNext(Duration delay) {
        try {
            scheduler.schedule(this::checkAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed: no more checks
        }
    }

    private void checkAndReschedule() {
        // a failed check is usually a broker still loading its coordinator after a restart: look again soon
        boolean checked = checkQuietly();
        scheduleNext(checked && suspects.isEmpty() ? INTERVAL : CONFIRM);
    }

    /**
     * The decision, free of Kafka calls: an open transaction hangs when its coordinator has no open transaction for
     * that producer id that includes the partition (unknown id, another producer id, or an ended transaction).
     */
    static boolean hanging(OpenTransaction open, Optional<CoordinatorView> coordinator) {
        if (coordinator.isEmpty() || coordinator.get().producerId() != open.producerId()) {
            return true;
        }
        CoordinatorView view = coordinator.get();
        boolean inProgress = view.state() == TransactionState.ONGOING || view.state() == TransactionState.PREPARE_COMMIT
                || view.state() == TransactionState.PREPARE_ABORT || view.state() == TransactionState.PREPARE_EPOCH_FENCE;
        return !(inProgress && view.partitions().contains(open.partition()) && view.producerEpoch() <= open.producerEpoch() + 1);
    }

    private boolean checkQuietly() {
        try {
            check();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            // the broker may be starting, stopping or restarting: the next check tries again
            LOG.debug("event=hanging_transactions_check_failed error=\"{}\"", e.toString());
            return false;
        }
    }

    /** One pass: ends what hung at the previous pass and still hangs; remembers what hangs now. */
    void check() throws Exception {
        sweep(false);
    }

    /**
     * Finds the hanging transactions; ends those {@code atOnce}, or else those that hung at the previous pass too, and
     * remembers the rest for the next. Returns how many it ended.
     */
    private synchronized int sweep(boolean atOnce) throws Exception {
        Set<OpenTransaction> hangingNow = new HashSet<>();
        for (OpenTransaction open : openTransactions()) {
            if (hanging(open, coordinatorView(open.producerId()))) {
                hangingNow.add(open);
            }
        }
        List<TransactionOutcomes.Decided> coordinatorLog = null;
        Set<OpenTransaction> ended = new HashSet<>();
        for (OpenTransaction open : hangingNow) {
            if (atOnce || suspects.contains(open)) {
                if (coordinatorLog == null) {
                    coordinatorLog = TransactionOutcomes.readPrepared(bootstrapServers);
                }
                end(open, TransactionOutcomes.outcome(open, coordinatorLog));
                ended.add(open);
            } else {
                // usually a transaction that ended between the two calls of this check: only the next check tells
                LOG.debug("event=hanging_transaction_suspected partition={} producerId={} producerEpoch={} startOffset={}",
                        open.partition(), open.producerId(), open.producerEpoch(), open.startOffset());
            }
        }
        Set<OpenTransaction> next = new HashSet<>(hangingNow);
        next.removeAll(ended);
        suspects = Set.copyOf(next);
        return ended.size();
    }

    /** Open transactions on partitions whose last stable offset trails their end (the only ones that can hang). */
    private List<OpenTransaction> openTransactions() throws Exception {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
                .forEach(d -> d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        if (latest.isEmpty()) {
            return List.of();
        }
        var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        var end = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<TopicPartition> unstable = latest.keySet().stream()
                .filter(tp -> stable.get(tp).offset() < end.get(tp).offset()).toList();
        if (unstable.isEmpty()) {
            return List.of();
        }
        return admin.describeProducers(unstable).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet().stream()
                .flatMap(e -> e.getValue().activeProducers().stream()
                        .filter(p -> p.currentTransactionStartOffset().isPresent())
                        .map(p -> open(e.getKey(), p)))
                .toList();
    }

    private static OpenTransaction open(TopicPartition partition, ProducerState producer) {
        return new OpenTransaction(partition, producer.producerId(), producer.producerEpoch(),
                producer.coordinatorEpoch().orElse(-1), producer.currentTransactionStartOffset().getAsLong());
    }

    private Optional<CoordinatorView> coordinatorView(long producerId) throws Exception {
        List<String> ids = admin.listTransactions(new ListTransactionsOptions().filterProducerIds(Set.of(producerId))).all()
                .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).stream().map(TransactionListing::transactionalId).toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        TransactionDescription description = admin.describeTransactions(ids).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(ids.get(0));
        return Optional.of(new CoordinatorView(description.producerId(), description.producerEpoch(), description.state(),
                Set.copyOf(description.topicPartitions())));
    }

    private void end(OpenTransaction open, Optional<TransactionOutcomes.Outcome> outcome) throws Exception {
        if (outcome.isPresent()) {
            TransactionMarkers.write(bootstrapServers, open, outcome.get());
        } else {
            admin.abortTransaction(new AbortTransactionSpec(open.partition(), open.producerId(), (short) open.producerEpoch(),
                    open.coordinatorEpoch())).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        String ended = outcome.map(o -> o.commit() ? "committed" : "aborted").orElse("aborted");
        String why = outcome.map(o -> "its coordinator had prepared to " + (o.commit() ? "commit" : "abort") + " it at epoch " + o.markerEpoch())
                .orElse("its coordinator never prepared to end it");
        LOG.warn("event=hanging_transaction_{} partition={} producerId={} producerEpoch={} startOffset={} "
                        + "reason=\"open on this partition after an unclean broker restart lost its marker; {}; "
                        + "read_committed readers were stuck at offset {}\"",
                ended, open.partition(), open.producerId(), open.producerEpoch(), open.startOffset(), why, open.startOffset());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "HangingTransactions" + Objects.toString(suspects);
    }
}
