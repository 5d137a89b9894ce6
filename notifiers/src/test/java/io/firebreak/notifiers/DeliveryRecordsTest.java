package io.firebreak.notifiers;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeliveryRecordsTest {

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
        DeliveryReceipt receipt = DeliveryRecords.receipt(resolve, new LogNotifier("pagerduty").deliver(resolve), 1, at);

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
