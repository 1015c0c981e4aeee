package com.shopkhaos.infra.ksd;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The on-premises service's XML read with the JDK's DOM parser: no DTD, no external entity; elements by local name. */
final class Xml {
    private Xml() {
    }

    /** The document's root, or {@link IllegalArgumentException} when the text is not well-formed XML. */
    static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(new ByteArrayInputStream((xml == null ? "" : xml).getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Element> children(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }

    static List<Element> children(Element parent, String localName) {
        return children(parent).stream().filter(e -> localName.equals(name(e))).toList();
    }

    static Optional<Element> child(Element parent, String localName) {
        return children(parent, localName).stream().findFirst();
    }

    /** The trimmed text of the named child, empty when absent. */
    static String text(Element parent, String localName) {
        return child(parent, localName).map(e -> e.getTextContent().trim()).orElse("");
    }

    static String name(Element e) {
        return e.getLocalName() == null ? e.getTagName() : e.getLocalName();
    }
}
