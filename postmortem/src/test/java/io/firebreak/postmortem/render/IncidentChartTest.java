package io.firebreak.postmortem.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Postmortem;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.postmortem.PostmortemBuilder;
import io.firebreak.postmortem.ScriptedIncidents;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The postmortem's SVG as an XML parser and a browser read it: well-formed, one mark per fact, alert text only as text. */
class IncidentChartTest {

    private static final String HOSTILE = "<script>alert('x')</script> & \"quotes\" \u0001bell";

    private final Postmortem postmortem = new PostmortemBuilder(ScriptedIncidents.SETTINGS, ScriptedIncidents.CLOCK)
            .build(ScriptedIncidents.criticalThroughAllStages());

    @Test
    void drawsALanePerSignalAMarkerPerStageAndABarPerBurnWindowInWellFormedSvg() throws Exception {
        Document svg = parse(IncidentChart.render(postmortem));

        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(count(svg, "//*[local-name()='rect'][@class='signal']")).isEqualTo(postmortem.getSignals().size()).isEqualTo(3);
        assertThat(count(svg, "//*[local-name()='g'][@class='stage']"))
                .isEqualTo((int) postmortem.getTimeline().stream().filter(e -> e.getStage() != null).count()).isEqualTo(9);
        assertThat(count(svg, "//*[local-name()='rect'][@class='burn']")).as("the 5m and 1h rates of the burn snapshot").isEqualTo(2);
        assertThat(svg.getDocumentElement().getTextContent()).contains("budget remaining 87.5%").contains("MITIGATED");
    }

    @Test
    void alertTextStaysTextAndAStillFiringSignalRunsToTheEndOfTheWindow() throws Exception {
        List<SignalRef> signals = new ArrayList<>(postmortem.getSignals());
        SignalRef firing = SignalRef.newBuilder(signals.get(0)).setAlertName(HOSTILE).setStatus(SignalStatus.FIRING).build();
        signals.set(0, firing);
        postmortem.setSignals(signals);

        Document svg = parse(IncidentChart.render(postmortem));

        assertThat(count(svg, "//*[local-name()='script']")).isZero();
        assertThat(svg.getDocumentElement().getTextContent()).contains("<script>alert('x')</script> & \"quotes\" bell");
        NodeList lanes = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("//*[local-name()='rect'][@class='signal']", svg, XPathConstants.NODESET);
        Element first = (Element) lanes.item(0);
        double end = Double.parseDouble(first.getAttribute("x")) + Double.parseDouble(first.getAttribute("width"));
        assertThat(end).as("a firing signal reaches the right edge of the plot").isEqualTo(940.0, org.assertj.core.data.Offset.offset(0.2));
    }

    @Test
    void theFileNameCannotLeaveTheDirectory() {
        assertThat(IncidentChart.fileName("oci-fra-1.20261128.0042")).isEqualTo("oci-fra-1.20261128.0042.svg");
        assertThat(IncidentChart.fileName("../x")).isEqualTo(".._x.svg");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(Document document, String xpath) throws Exception {
        return ((Double) XPathFactory.newInstance().newXPath().evaluate("count(" + xpath + ")", document, XPathConstants.NUMBER)).intValue();
    }
}
