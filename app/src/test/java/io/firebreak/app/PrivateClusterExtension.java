package io.firebreak.app;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;

/**
 * An {@link EmbeddedCluster} of the test class's own. The app's end-to-end tests each run a whole firebreak, whose
 * streams read every topic from the beginning and whose notifiers share consumer groups by channel: on a broker
 * shared with another class they would correlate and page that class's alerts too. Stopped when the class is done
 * (after its {@code @AfterAll} stopped the app).
 */
class PrivateClusterExtension extends EmbeddedClusterExtension {

    PrivateClusterExtension() {
        super(Scope.TEST_CLASS);
    }
}
