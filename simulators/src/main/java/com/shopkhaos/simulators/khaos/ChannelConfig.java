package com.shopkhaos.simulators.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SimJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A channel's {@code EndpointConfig} file as KCC reads it: JSON ({@code {"EndpointConfig":{…}}}) or XML
 * ({@code <EndpointConfig>…}). It must be a file, not a web page. OrderDownload, StockStatusUpload and
 * StockUpload are required; each endpoint given needs URL and Format (and Frequency for downloads). CReturnDownload (the
 * spec's README L175–178; its prose still says {@code CustomerReturnDownload}, renamed in 2018) and PriceListUpload
 * (README L1995) are optional.
 */
record ChannelConfig(String orderDownloadUrl, int frequencyMinutes, String orderStatusUrl, String stockStatusUrl,
                     String stockUrl, String returnDownloadUrl, int returnFrequencyMinutes, String priceListUrl) {

    /** The config was refused; the message says why, as KCC's channel screen would. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    static ChannelConfig read(int status, String contentType, byte[] body) throws Refused {
        if (status != 200) {
            throw new Refused("the Configuration URL answered HTTP " + status);
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (type.contains("html") || text.regionMatches(true, 0, "<!doctype html", 0, 14)
                || text.regionMatches(true, 0, "<html", 0, 5)) {
            throw new Refused("the Configuration URL must point to a JSON or XML file, not to a web page");
        }
        Map<String, Map<String, String>> endpoints;
        if (text.startsWith("{")) {
            endpoints = fromJson(text);
        } else if (text.startsWith("<")) {
            endpoints = fromXml(text);
        } else {
            throw new Refused("the Configuration URL's answer is neither JSON nor XML");
        }
        for (String required : List.of("OrderDownload", "StockStatusUpload", "StockUpload")) {
            if (!endpoints.containsKey(required)) {
                throw new Refused("EndpointConfig lacks " + required);
            }
        }
        for (Map.Entry<String, Map<String, String>> e : endpoints.entrySet()) {
            Map<String, String> settings = e.getValue();
            if (settings.getOrDefault("URL", "").isBlank() || settings.getOrDefault("Format", "").isBlank()) {
                throw new Refused("EndpointConfig." + e.getKey() + " needs URL and Format");
            }
            if (e.getKey().endsWith("Download") && !settings.getOrDefault("Frequency", "").matches("\\d+")) {
                throw new Refused("EndpointConfig." + e.getKey() + " needs a Frequency in minutes");
            }
            if (!settings.get("Format").equalsIgnoreCase("JSON") && isSimulated(e.getKey())) {
                throw new Refused("EndpointConfig." + e.getKey() + " asks for " + settings.get("Format")
                        + "; the simulator speaks JSON only");
            }
        }
        return new ChannelConfig(endpoints.get("OrderDownload").get("URL"),
                Integer.parseInt(endpoints.get("OrderDownload").get("Frequency")),
                endpoints.getOrDefault("OrderStatusUpload", Map.of()).get("URL"),
                endpoints.get("StockStatusUpload").get("URL"), endpoints.get("StockUpload").get("URL"),
                endpoints.getOrDefault("CReturnDownload", Map.of()).get("URL"),
                endpoints.containsKey("CReturnDownload") ? Integer.parseInt(endpoints.get("CReturnDownload").get("Frequency")) : 0,
                endpoints.getOrDefault("PriceListUpload", Map.of()).get("URL"));
    }

    private static boolean isSimulated(String endpoint) {
        return List.of("OrderDownload", "OrderStatusUpload", "StockStatusUpload", "StockUpload", "CReturnDownload", "PriceListUpload")
                .contains(endpoint);
    }

    private static Map<String, Map<String, String>> fromJson(String text) throws Refused {
        JsonNode root;
        try {
            root = SimJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new Refused("the Configuration URL's JSON is not valid");
        }
        JsonNode config = root.path("EndpointConfig");
        if (!config.isObject()) {
            throw new Refused("the JSON must be wrapped in an EndpointConfig property");
        }
        Map<String, Map<String, String>> endpoints = new LinkedHashMap<>();
        config.fields().forEachRemaining(e -> {
            Map<String, String> settings = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(s -> settings.put(s.getKey(), s.getValue().asText()));
            endpoints.put(e.getKey(), settings);
        });
        return endpoints;
    }

    private static Map<String, Map<String, String>> fromXml(String text) throws Refused {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new Refused("the Configuration URL's XML is not valid");
        }
        if (!root.getTagName().equals("EndpointConfig")) {
            throw new Refused("the XML's root must be <EndpointConfig>");
        }
        Map<String, Map<String, String>> endpoints = new LinkedHashMap<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element endpoint) {
                Map<String, String> settings = new LinkedHashMap<>();
                NodeList values = endpoint.getChildNodes();
                for (int j = 0; j < values.getLength(); j++) {
                    if (values.item(j) instanceof Element value) {
                        settings.put(value.getTagName(), value.getTextContent().trim());
                    }
                }
                endpoints.put(endpoint.getTagName(), settings);
            }
        }
        return endpoints;
    }

    ObjectNode toJson() {
        return SimJson.object().put("orderDownloadUrl", orderDownloadUrl).put("frequencyMinutes", frequencyMinutes)
                .put("orderStatusUrl", orderStatusUrl).put("stockStatusUrl", stockStatusUrl).put("stockUrl", stockUrl)
                .put("returnDownloadUrl", returnDownloadUrl).put("returnFrequencyMinutes", returnFrequencyMinutes);
    }
}
