package com.shopkhaos.simulators.ksd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * SOAP 1.1 as the IKosWeb service speaks it. No WSDL or captured envelope of it is public: every client uses PHP's
 * SoapClient on {@code …/KhaosIDS.exe/wsdl/IKosWeb} (Keystone's own Magento module, {@code ksdl/khaosconnect-magento},
 * {@code Helper/Webservice.php} {@code Connect}), and one test script posts to {@code …/soap/IKosWeb} with the SOAPAction
 * {@code urn:IKosWebIntf-IKosWeb#<operation>}. That is the Delphi SOAP server's convention, so the envelopes here are
 * rpc/encoded as Delphi writes them: the operation's element holds one element per parameter, the answer is
 * {@code <operation>Response} holding {@code return}, a string (the export calls answer a whole XML document in it) or
 * a struct whose arrays hold {@code item} elements (clients index {@code OrderImport[0]} even for one entry).
 * Parameters are read by name and, failing that, by position, and a missing or nil trailing one takes its default:
 * Keystone's client sends fewer parameters than the operation has (ExportOrderStatusEx with 2 of 9).
 */
final class KsdSoap {
    static final String NAMESPACE = "urn:IKosWebIntf-IKosWeb";
    private static final String ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    /** One call: the operation and its parameters as sent (by lower-cased name, and in order). */
    record Call(String operation, Map<String, String> byName, List<String> inOrder) {

        /**
         * The parameter {@code name} of an operation whose parameters are {@code declared} (in order): by name; when the
         * call names none of the declared parameters, by position; empty when absent, empty or nil.
         */
        Optional<String> param(List<String> declared, String name) {
            String named = byName.get(name.toLowerCase(Locale.ROOT));
            if (named == null && byName.keySet().stream().noneMatch(k -> declared.stream().anyMatch(d -> d.equalsIgnoreCase(k)))) {
                int position = declared.indexOf(name);
                named = position >= 0 && position < inOrder.size() ? inOrder.get(position) : null;
            }
            return named == null || named.isBlank() ? Optional.empty() : Optional.of(named.trim());
        }
    }

    private KsdSoap() {
    }

    /** The call in a request body; {@link IllegalArgumentException} when it is no SOAP envelope with an operation. */
    static Call read(String body) {
        Element envelope = KsdXml.parse(body).getDocumentElement();
        if (!"Envelope".equals(KsdXml.localName(envelope))) {
            throw new IllegalArgumentException("no SOAP Envelope");
        }
        Element soapBody = KsdXml.child(envelope, "Body").orElseThrow(() -> new IllegalArgumentException("no SOAP Body"));
        Element operation = KsdXml.children(soapBody).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the SOAP Body names no operation"));
        Map<String, String> byName = new LinkedHashMap<>();
        List<String> inOrder = new ArrayList<>();
        for (Element p : KsdXml.children(operation)) {
            boolean nil = "true".equals(p.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
            String value = nil ? "" : p.getTextContent();
            byName.put(KsdXml.localName(p).toLowerCase(Locale.ROOT), value);
            inOrder.add(value);
        }
        return new Call(KsdXml.localName(operation), byName, inOrder);
    }

    /** The answer of an operation that returns a string (an export's XML document, escaped into it). */
    static String stringAnswer(String operation, String text) {
        return envelope("<NS1:" + operation + "Response xmlns:NS1=\"" + NAMESPACE + "\"><return xsi:type=\"xsd:string\">"
                + KsdXml.escape(text) + "</return></NS1:" + operation + "Response>");
    }

    /** The answer of an operation that returns a struct ({@code fields}: its members, already XML). */
    static String structAnswer(String operation, String type, String fields) {
        return envelope("<NS1:" + operation + "Response xmlns:NS1=\"" + NAMESPACE + "\"><return xsi:type=\"NS1:" + type + "\">"
                + fields + "</return></NS1:" + operation + "Response>");
    }

    /** An array member of a struct: one {@code item} per entry. */
    static String array(String name, String type, List<String> items) {
        StringBuilder out = new StringBuilder("<" + name + " xsi:type=\"SOAP-ENC:Array\" SOAP-ENC:arrayType=\"NS1:" + type + "["
                + items.size() + "]\">");
        items.forEach(i -> out.append("<item xsi:type=\"NS1:").append(type).append("\">").append(i).append("</item>"));
        return out.append("</").append(name).append(">").toString();
    }

    static String field(String name, Object value) {
        return "<" + name + ">" + KsdXml.escape(String.valueOf(value)) + "</" + name + ">";
    }

    /** A SOAP fault (sent with HTTP 500, as SOAP 1.1 has it). */
    static String fault(String code, String message) {
        return envelope("<SOAP-ENV:Fault><faultcode>SOAP-ENV:" + code + "</faultcode><faultstring>" + KsdXml.escape(message)
                + "</faultstring></SOAP-ENV:Fault>");
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + ENVELOPE_NS + "\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\"><SOAP-ENV:Body "
                + "SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }
}
