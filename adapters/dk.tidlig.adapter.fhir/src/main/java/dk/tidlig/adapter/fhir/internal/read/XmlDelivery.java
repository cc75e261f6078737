// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.adapter.FileFormatException;

/**
 * A FHIR Bundle in XML (or a file holding one resource). The file is read once with the JDK's StAX
 * parser (no DTDs, no external entities); each entry's resource is cut out as an XML document of its own
 * and parsed later, so a broken resource is quarantined on its own.
 */
final class XmlDelivery implements Delivery {

    static final String FHIR_NS = "http://hl7.org/fhir";

    private final List<Item> items;

    private XmlDelivery(List<Item> items) {
        this.items = items;
    }

    static XmlDelivery open(DeliveredFile file, Charset charset) throws IOException, FileFormatException {
        XMLInputFactory inputs = XMLInputFactory.newDefaultFactory();
        inputs.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        inputs.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLOutputFactory outputs = XMLOutputFactory.newDefaultFactory();
        outputs.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, true);
        try (BufferedReader in = Texts.reader(file, charset)) {
            XMLEventReader events = inputs.createXMLEventReader(in);
            try {
                StartElement root = null;
                while (events.hasNext() && root == null) {
                    XMLEvent e = events.nextEvent();
                    if (e.isStartElement()) {
                        root = e.asStartElement();
                    }
                }
                if (root == null) {
                    throw new FileFormatException("the file holds no XML element");
                }
                if (!FHIR_NS.equals(root.getName().getNamespaceURI())) {
                    throw new FileFormatException("the file is not FHIR XML: its root element is not in the namespace " + FHIR_NS);
                }
                List<Item> items = new ArrayList<>();
                if (root.getName().getLocalPart().equals("Bundle")) {
                    bundle(events, outputs, items);
                } else {
                    items.add(Item.resource(1, copy(root, events, outputs), true, root.getName().getLocalPart(), null));
                }
                while (events.hasNext()) {
                    events.nextEvent(); // to the end, so that a malformed tail is found
                }
                return new XmlDelivery(items);
            } finally {
                events.close();
            }
        } catch (XMLStreamException e) {
            throw new FileFormatException("the file is not well-formed XML" + at(e.getLocation()));
        }
    }

    @Override
    public void forEach(Consumer<Item> consumer) {
        items.forEach(consumer);
    }

    private static void bundle(XMLEventReader events, XMLOutputFactory outputs, List<Item> items) throws XMLStreamException {
        long position = 0;
        while (true) {
            XMLEvent e = events.nextEvent();
            if (e.isEndElement()) {
                return; // </Bundle>
            }
            if (e.isStartElement()) {
                if (isFhir(e.asStartElement(), "entry")) {
                    items.add(entry(++position, events, outputs));
                } else {
                    skip(events);
                }
            }
        }
    }

    private static Item entry(long position, XMLEventReader events, XMLOutputFactory outputs) throws XMLStreamException {
        String fullUrl = null;
        String method = null;
        String url = null;
        String text = null;
        String type = null;
        while (true) {
            XMLEvent e = events.nextEvent();
            if (e.isEndElement()) {
                break; // </entry>
            }
            if (!e.isStartElement()) {
                continue;
            }
            StartElement s = e.asStartElement();
            if (isFhir(s, "fullUrl")) {
                fullUrl = value(s);
                skip(events);
            } else if (isFhir(s, "resource")) {
                while (true) {
                    XMLEvent c = events.nextEvent();
                    if (c.isEndElement()) {
                        break; // </resource>
                    }
                    if (c.isStartElement()) {
                        if (text == null) {
                            type = c.asStartElement().getName().getLocalPart();
                            text = copy(c.asStartElement(), events, outputs);
                        } else {
                            skip(events);
                        }
                    }
                }
            } else if (isFhir(s, "request")) {
                while (true) {
                    XMLEvent c = events.nextEvent();
                    if (c.isEndElement()) {
                        break; // </request>
                    }
                    if (c.isStartElement()) {
                        if (isFhir(c.asStartElement(), "method")) {
                            method = value(c.asStartElement());
                        } else if (isFhir(c.asStartElement(), "url")) {
                            url = value(c.asStartElement());
                        }
                        skip(events);
                    }
                }
            } else {
                skip(events);
            }
        }
        if (text != null) {
            return Item.resource(position, text, true, type, fullUrl);
        }
        if ("DELETE".equals(method) && url != null) {
            ObjectNode request = JsonDelivery.JSON.createObjectNode();
            request.putObject("request").put("method", method).put("url", url);
            return new Item(position, request.toString(), false, null, fullUrl, url, null);
        }
        return Item.empty(position, "");
    }

    /** Writes the element that has just started, with everything inside it, as a document of its own. */
    private static String copy(StartElement start, XMLEventReader events, XMLOutputFactory outputs) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLEventWriter writer = outputs.createXMLEventWriter(out);
        writer.add(start);
        int depth = 1;
        while (depth > 0) {
            XMLEvent e = events.nextEvent();
            if (e.isStartElement()) {
                depth++;
            } else if (e.isEndElement()) {
                depth--;
            }
            writer.add(e);
        }
        writer.close();
        return out.toString();
    }

    /** Skips the rest of the element that has just started. */
    private static void skip(XMLEventReader events) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            XMLEvent e = events.nextEvent();
            if (e.isStartElement()) {
                depth++;
            } else if (e.isEndElement()) {
                depth--;
            }
        }
    }

    private static boolean isFhir(StartElement s, String name) {
        return FHIR_NS.equals(s.getName().getNamespaceURI()) && s.getName().getLocalPart().equals(name);
    }

    private static String value(StartElement s) {
        Attribute a = s.getAttributeByName(new QName("value"));
        return a == null ? null : a.getValue();
    }

    private static String at(Location location) {
        if (location == null || location.getLineNumber() < 1) {
            return "";
        }
        return " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")";
    }
}
