package io.dataflow.privatelink.simulator.route53;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Route 53's REST-XML: request documents in, response documents out (namespace 2013-04-01). */
final class Route53Xml {

    static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

    private final StringBuilder out = new StringBuilder(512).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final List<String> open = new ArrayList<>();

    /** Starts the response document's root element. */
    static Route53Xml document(String root) {
        Route53Xml x = new Route53Xml();
        x.out.append('<').append(root).append(" xmlns=\"").append(NAMESPACE).append("\">");
        x.open.add(root);
        return x;
    }

    Route53Xml start(String name) {
        out.append('<').append(name).append('>');
        open.add(name);
        return this;
    }

    Route53Xml end() {
        out.append("</").append(open.remove(open.size() - 1)).append('>');
        return this;
    }

    Route53Xml element(String name, Object value) {
        if (value == null) {
            return this;
        }
        out.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name)
                .append('>');
        return this;
    }

    String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString();
    }

    Route53Xml changeInfo(String changeId, String status, Instant submittedAt) {
        return start("ChangeInfo").element("Id", "/change/" + changeId).element("Status", status)
                .element("SubmittedAt", timestamp(submittedAt)).end();
    }

    Route53Xml hostedZone(HostedZone zone) {
        start("HostedZone").element("Id", "/hostedzone/" + zone.id).element("Name", zone.name)
                .element("CallerReference", zone.callerReference)
                .start("Config").element("Comment", zone.comment).element("PrivateZone", zone.privateZone).end()
                .element("ResourceRecordSetCount", zone.records.size());
        return end();
    }

    Route53Xml vpc(HostedZone.Vpc vpc) {
        return start("VPC").element("VPCRegion", vpc.region()).element("VPCId", vpc.vpcId()).end();
    }

    /** Names as Route 53 lists them: a leading {@code *} is escaped as {@code \052}. */
    Route53Xml recordSet(HostedZone.RecordSet set) {
        String name = set.name().startsWith("*.") ? "\\052" + set.name().substring(1) : set.name();
        start("ResourceRecordSet").element("Name", name).element("Type", set.type()).element("TTL", set.ttl())
                .start("ResourceRecords");
        for (String value : set.values()) {
            start("ResourceRecord").element("Value", value).end();
        }
        return end().end();
    }

    static String error(String code, String message, String requestId) {
        return document("ErrorResponse").start("Error").element("Type", "Sender").element("Code", code)
                .element("Message", message).end().element("RequestId", requestId).finish();
    }

    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    // ---- requests ----

    static Element parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            return document.getDocumentElement();
        } catch (Exception e) {
            throw Route53ApiError.invalidInput("The XML document is not well-formed: " + e.getMessage());
        }
    }

    /** The text of the first descendant element with this local name, or null. */
    static String text(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent().strip();
    }

    static Element child(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    /** Direct and nested elements with this local name, in document order. */
    static List<Element> all(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
