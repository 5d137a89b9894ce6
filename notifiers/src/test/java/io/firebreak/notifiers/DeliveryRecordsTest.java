package io.firebreak.notifiers;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeliveryRecordsTest {

    @BeforeAll
    static void trustTheEventClassesLikeTheServiceDoes() {
        // Avro (1.12, CVE-2024-47561) refuses to deep-copy generated enums in Notification.newBuilder(existing) until
        // io.firebreak.events is trusted; the schemas module trusts it when a deserializer is created, which
        // NotifierService always does before it writes a dead letter.
        new Serdes(new InMemorySchemaRegistryClient()).value(Topics.notify("pagerduty"));
    }

    final Notification resolve = TestNotifications.critical(NotificationKind.RESOLVE);
    final Instant at = Instant.parse("2026-11-28T09:20:00Z");

    @Test
    void aDeliveredReceiptCarriesTheReceiversReferenceAndStatus() {
        DeliveryReceipt receipt = DeliveryRecords.receipt(resolve, DeliveryOutcome.delivered("dedup-1", 202), 2, at);

        assertThat(receipt.getOutcome()).isEqualTo("delivered");
        assertThat(receipt.getRef()).isEqualTo("dedup-1");
        assertThat(receipt.getHttpStatus()).isEqualTo(202);
        assertThat(receipt.getAttempts()).isEqualTo(2);
        assertThat(receipt.getNotificationId()).isEqualTo(resolve.getId());
        assertThat(receipt.getIncidentId()).isEqualTo(TestNotifications.INCIDENT);
        assertThat(receipt.getKind()).isEqualTo(NotificationKind.RESOLVE);
        assertThat(receipt.getAt()).isEqualTo(at);
    }

    @Test
    void aLoggedNotificationIsReceiptedAsLogged() {
        DeliveryReceipt receipt = DeliveryRecords.receipt(resolve, (DeliveryOutcome.Delivered) new LogNotifier("pagerduty").deliver(resolve), 1, at);

        assertThat(receipt.getOutcome()).isEqualTo("logged");
        assertThat(receipt.getRef()).isEqualTo("logged");
        assertThat(receipt.getHttpStatus()).isNull();
    }

    @Test
    void aDeadLetterKeepsTheNotificationAndAddsReasonAndAttempts() {
        var letter = new DeliveryRecords.DeadLetter("PagerDuty answered 400", OptionalInt.of(400), 1);

        Notification dead = DeliveryRecords.deadLetter(resolve, letter);
        DeliveryReceipt receipt = DeliveryRecords.deadLetterReceipt(resolve, letter, at);

        assertThat(dead).usingRecursiveComparison().ignoringFields("failureReason", "attempts").isEqualTo(resolve);
        assertThat(dead.getFailureReason()).isEqualTo("PagerDuty answered 400");
        assertThat(dead.getAttempts()).isEqualTo(1);
        assertThat(receipt.getOutcome()).isEqualTo("dead_lettered");
        assertThat(receipt.getError()).isEqualTo("PagerDuty answered 400");
        assertThat(receipt.getHttpStatus()).isEqualTo(400);
        assertThat(receipt.getRef()).isNull();
    }
}
