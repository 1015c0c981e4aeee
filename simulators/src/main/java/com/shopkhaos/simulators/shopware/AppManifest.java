package com.shopkhaos.simulators.shopware;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** An app's {@code manifest.xml} (schema 2.0), the parts the shop acts on. */
public record AppManifest(String name, String label, String version, String secret, String registrationUrl,
                          Set<String> privileges, List<WebhookDefinition> webhooks) {

    /** A {@code <webhook name url event/>}. */
    public record WebhookDefinition(String name, String url, String event) {
    }

    /**
     * @param baseUrl when given, every URL's scheme, host and port are replaced with it (how the sandbox points the
     *                shipped manifest at the port it runs on)
     */
    public static AppManifest parse(String xml, Optional<String> baseUrl) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            doc = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw SimulatorException.badRequest("FRAMEWORK__APP_XML_PARSING_EXCEPTION", "manifest is not valid XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("manifest")) {
            throw SimulatorException.badRequest("FRAMEWORK__APP_XML_PARSING_EXCEPTION", "root element must be <manifest>");
        }
        Element meta = child(root, "meta");
        for (String required : List.of("name", "label", "author", "copyright", "version", "license")) {
            if (meta == null || text(meta, required).isEmpty()) {
                throw SimulatorException.badRequest("FRAMEWORK__APP_XML_PARSING_EXCEPTION",
                        "<meta> lacks the required <" + required + ">");
            }
        }
        Element setup = child(root, "setup");
        String registrationUrl = setup == null ? "" : text(setup, "registrationUrl");
        String secret = setup == null ? "" : text(setup, "secret");
        Set<String> privileges = new LinkedHashSet<>();
        Element permissions = child(root, "permissions");
        if (permissions != null) {
            NodeList all = permissions.getChildNodes();
            for (int i = 0; i < all.getLength(); i++) {
                if (all.item(i) instanceof Element e) {
                    String entity = e.getTextContent().trim();
                    switch (e.getTagName()) {
                        case "read", "create", "update", "delete" -> privileges.add(entity + ":" + e.getTagName());
                        case "permission" -> privileges.add(entity);
                        default -> {
                        }
                    }
                }
            }
        }
        List<WebhookDefinition> webhooks = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Element hooks = child(root, "webhooks");
        if (hooks != null) {
            NodeList all = hooks.getElementsByTagName("webhook");
            for (int i = 0; i < all.getLength(); i++) {
                Element w = (Element) all.item(i);
                String name = w.getAttribute("name");
                if (name.isEmpty() || w.getAttribute("url").isEmpty() || w.getAttribute("event").isEmpty()) {
                    throw SimulatorException.badRequest("FRAMEWORK__APP_XML_PARSING_EXCEPTION",
                            "<webhook> needs name, url and event");
                }
                if (!names.add(name)) {
                    throw SimulatorException.badRequest("FRAMEWORK__APP_XML_PARSING_EXCEPTION",
                            "webhook name \"" + name + "\" is not unique");
                }
                webhooks.add(new WebhookDefinition(name, rebase(w.getAttribute("url"), baseUrl), w.getAttribute("event")));
            }
        }
        return new AppManifest(text(meta, "name"), text(meta, "label"), text(meta, "version"), secret,
                registrationUrl.isEmpty() ? "" : rebase(registrationUrl, baseUrl), privileges, webhooks);
    }

    private static String rebase(String url, Optional<String> baseUrl) {
        if (baseUrl.isEmpty()) {
            return url;
        }
        URI u = URI.create(url);
        String base = baseUrl.get().replaceAll("/+$", "");
        return base + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    private static Element child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }
}
