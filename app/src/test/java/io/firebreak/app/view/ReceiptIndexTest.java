package io.firebreak.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.schemas.kafka.BoundedRocksDbMemory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's on-disk copy of the delivery receipts: the latest per notification, oldest first, a bounded number per incident. */
class ReceiptIndexTest {

    private static final BoundedRocksDbMemory.Sizes MEMORY = new BoundedRocksDbMemory.Sizes(16L << 20, 4L << 20);

    @TempDir
    Path dir;
    private ViewDatabase database;
    private ReceiptIndex index;

    @BeforeEach
    void open() {
        database = ViewDatabase.open(dir.resolve("view"), MEMORY);
        index = new ReceiptIndex(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void receiptsComeInArrivalOrderNotInNotificationIdOrder() {
        index.put("inc", "n-3", value("trigger"));
        index.put("inc", "n-1", value("update"));
        index.put("inc", "n-2", value("resolve"));
        // an incident whose id extends the first one's must not leak in
        index.put("inc0", "n-0", value("other"));

        assertThat(texts("inc")).containsExactly("trigger", "update", "resolve");
    }

    @Test
    void aLaterReceiptOfTheSameNotificationReplacesItAsTheNewest() {
        index.put("inc", "trigger", value("trigger: retrying"));
        index.put("inc", "update", value("update: delivered"));
        index.put("inc", "trigger", value("trigger: delivered"));

        assertThat(texts("inc")).containsExactly("update: delivered", "trigger: delivered");
    }

    @Test
    void beyondTheCapTheOldestReceiptsGo() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ReceiptIndex.MAX_PER_INCIDENT + 25; i++) {
            index.put("long", "n-" + i, value("r" + i));
            expected.add("r" + i);
        }
        index.put("long", "n-" + (ReceiptIndex.MAX_PER_INCIDENT + 24), value("replaced, not one more"));
        expected.set(expected.size() - 1, "replaced, not one more");

        assertThat(texts("long")).hasSize(ReceiptIndex.MAX_PER_INCIDENT)
                .containsExactlyElementsOf(expected.subList(25, expected.size()));
    }

    @Test
    void aForgottenIncidentsReceiptsAreGoneAndTheOthersStay() {
        index.put("c.1", "n", value("gone"));
        index.put("c.10", "n", value("stays"));

        index.forget("c.1");

        assertThat(texts("c.1")).isEmpty();
        assertThat(texts("c.10")).containsExactly("stays");
    }

    @Test
    void afterCloseNothingIsReadOrWrittenAndNothingFails() {
        database.close();

        index.put("inc", "n", value("late"));
        assertThat(index.receipts("inc")).isEmpty();
        index.forget("inc");
    }

    private List<String> texts(String incident) {
        return index.receipts(incident).stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }

    private static byte[] value(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
