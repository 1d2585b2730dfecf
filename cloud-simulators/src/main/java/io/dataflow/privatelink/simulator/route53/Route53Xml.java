package io.dataflow.privatelink.simulator.route53;

import io.dataflow.privatelink.simulator.common.XmlWriter;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

/** Route 53's REST-XML: request documents in, response documents out (namespace 2013-04-01). */
final class Route53Xml {

    private static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

    private Route53Xml() {
    }

    /** Starts the response document's root element. */
    static XmlWriter document(String root) {
        return XmlWriter.document(root, NAMESPACE);
    }

    static XmlWriter changeInfo(XmlWriter x, Route53Store.ChangeInfo change) {
        return x.start("ChangeInfo").element("Id", "/change/" + change.id()).element("Status", change.status())
                .element("SubmittedAt", change.submittedAt()).end();
    }

    static XmlWriter hostedZone(XmlWriter x, HostedZone zone) {
        return x.start("HostedZone").element("Id", "/hostedzone/" + zone.id).element("Name", zone.name)
                .element("CallerReference", zone.callerReference)
                .start("Config").element("Comment", zone.comment).element("PrivateZone", zone.privateZone).end()
                .element("ResourceRecordSetCount", zone.records.size()).end();
    }

    static XmlWriter vpc(XmlWriter x, HostedZone.Vpc vpc) {
        return x.start("VPC").element("VPCRegion", vpc.region()).element("VPCId", vpc.vpcId()).end();
    }

    /** Names as Route 53 lists them: a leading {@code *} is escaped as {@code \052}. */
    static void recordSet(XmlWriter x, HostedZone.RecordSet set) {
        String name = set.name().startsWith("*.") ? "\\052" + set.name().substring(1) : set.name();
        x.start("ResourceRecordSet").element("Name", name).element("Type", set.type()).element("TTL", set.ttl())
                .start("ResourceRecords");
        set.values().forEach(value -> x.start("ResourceRecord").element("Value", value).end());
        x.end().end();
    }

    static String error(String code, String message, String requestId) {
        return document("ErrorResponse").start("Error").element("Type", "Sender").element("Code", code)
                .element("Message", message).end().element("RequestId", requestId).finish();
    }

    // ---- requests ----

    static Element parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
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
}
