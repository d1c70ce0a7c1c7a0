package no.rusvarsel.alerts.cap;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A small indenting StAX writer of one UTF-8 document in one namespace: the writer escapes markup, and
 * characters XML 1.0 cannot carry at all (most control characters, lone surrogates) are dropped.
 */
final class XmlOut {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    private final XMLStreamWriter writer;
    private final String namespace;
    private int depth;
    private boolean hasChildren;

    XmlOut(String namespace, String root) {
        this.namespace = namespace;
        try {
            writer = FACTORY.createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
            writer.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            writer.setDefaultNamespace(namespace);
            writer.writeCharacters("\n");
            writer.writeStartElement(namespace, root);
            writer.writeDefaultNamespace(namespace);
            depth = 1;
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot start XML document", e);
        }
    }

    XmlOut start(String name) {
        try {
            indent(depth);
            writer.writeStartElement(namespace, name);
            depth++;
            hasChildren = false;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOut attribute(String name, String value) {
        try {
            writer.writeAttribute(name, clean(value));
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOut end() {
        try {
            depth--;
            if (hasChildren) {
                indent(depth);
            }
            writer.writeEndElement();
            hasChildren = true;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An element with text content; nothing when the text is null. */
    XmlOut text(String name, Object text) {
        if (text == null) {
            return this;
        }
        try {
            indent(depth);
            writer.writeStartElement(namespace, name);
            writer.writeCharacters(clean(text.toString()));
            writer.writeEndElement();
            hasChildren = true;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An empty element with attributes given as name, value pairs. */
    XmlOut empty(String name, String... attributes) {
        try {
            indent(depth);
            writer.writeEmptyElement(namespace, name);
            for (int i = 0; i + 1 < attributes.length; i += 2) {
                writer.writeAttribute(attributes[i], clean(attributes[i + 1]));
            }
            hasChildren = true;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the root element and the document. */
    byte[] finish() {
        try {
            while (depth > 0) {
                end();
            }
            writer.writeCharacters("\n");
            writer.writeEndDocument();
            writer.flush();
            writer.close();
            bytes.close();
            return bytes.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void indent(int level) throws XMLStreamException {
        writer.writeCharacters("\n" + "  ".repeat(level));
    }

    /** The text without characters XML 1.0 does not allow. */
    static String clean(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = Character.charCount(cp);
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (allowed) {
                out.appendCodePoint(cp);
            }
            i += size;
        }
        return out.toString();
    }
}
