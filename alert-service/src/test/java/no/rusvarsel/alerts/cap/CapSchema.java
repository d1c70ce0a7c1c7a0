package no.rusvarsel.alerts.cap;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: validates CAP documents against the shared OASIS CAP 1.2 schema and reads XML elements. */
final class CapSchema {

    /** Relative to the module directory (the tests' working directory); CI clones the repo with ../shared beside it. */
    static final Path XSD = Path.of("..", "..", "shared", "standards", "cap12.xsd");

    private static Schema schema;

    private CapSchema() {
    }

    /** Validates the document against cap12.xsd and returns it parsed. */
    static Document validCap(byte[] xml) {
        try {
            schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException e) {
            throw new AssertionError("CAP document is not valid against " + XSD + ": " + e.getMessage()
                    + "\n" + new String(xml, java.nio.charset.StandardCharsets.UTF_8), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return parse(xml);
    }

    static synchronized Schema schema() {
        if (schema == null) {
            var xsd = XSD.toAbsolutePath().normalize();
            if (!Files.isRegularFile(xsd)) {
                throw new IllegalStateException("the CAP 1.2 schema is missing at " + xsd
                        + " (expected shared/standards/cap12.xsd beside the repository)");
            }
            try {
                var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                schema = factory.newSchema(xsd.toFile());
            } catch (SAXException e) {
                throw new IllegalStateException("cannot load " + xsd, e);
            }
        }
        return schema;
    }

    static Document parse(byte[] xml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML", e);
        }
    }

    /** Text of every element with this local name (in any namespace), in document order. */
    static List<String> texts(Document doc, String name) {
        var nodes = doc.getElementsByTagNameNS("*", name);
        var out = new ArrayList<String>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    /** Text of the one element with this local name; null when there is none. */
    static String text(Document doc, String name) {
        var all = texts(doc, name);
        if (all.size() > 1) {
            throw new AssertionError("more than one <" + name + ">: " + all);
        }
        return all.isEmpty() ? null : all.get(0);
    }

    static List<Element> elements(Document doc, String name) {
        var nodes = doc.getElementsByTagNameNS("*", name);
        var out = new ArrayList<Element>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** CAP valueName → value pairs under elements of this name (geocode, parameter), as "name=value". */
    static List<String> pairs(Document doc, String name) {
        return elements(doc, name).stream()
                .map(e -> e.getElementsByTagNameNS("*", "valueName").item(0).getTextContent()
                        + "=" + e.getElementsByTagNameNS("*", "value").item(0).getTextContent())
                .toList();
    }
}
