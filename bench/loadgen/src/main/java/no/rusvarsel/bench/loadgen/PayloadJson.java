package no.rusvarsel.bench.loadgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalPayload;
import no.rusvarsel.contracts.signal.SyringeResult;
import no.rusvarsel.contracts.signal.WastewaterResult;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * A payload record as the ingest API takes it: the contract record's fields in order, nulls left out, and no {@code type}
 * discriminator (that belongs to the Kafka envelope; ingest rejects unknown fields). Streamed with Jackson's generator
 * field by field because a benchmark must not wait for its generator: about ten times faster than a
 * serialise–strip–serialise round trip through the contract's serde.
 */
public final class PayloadJson {

    private static final JsonFactory JSON = new JsonFactory();

    private PayloadJson() {
    }

    public static String write(SignalPayload payload) {
        var out = new StringBuilder(256);
        write(payload, out);
        return out.toString();
    }

    /** A JSON array of the records. */
    public static String array(List<? extends SignalPayload> payloads) {
        var out = new StringBuilder(payloads.size() * 300 + 2).append('[');
        for (int i = 0; i < payloads.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(payloads.get(i), out);
        }
        return out.append(']').toString();
    }

    public static void write(SignalPayload payload, StringBuilder out) {
        var text = new StringWriter(256);
        try (var generator = JSON.createGenerator(text)) {
            writeObject(payload, new Obj(generator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.append(text.getBuffer());
    }

    private static void writeObject(SignalPayload payload, Obj o) throws IOException {
        o.field("externalId", payload.externalId()).field("region", payload.region()).field("observedAt", payload.observedAt())
                .field("notes", payload.notes());
        if (payload instanceof WastewaterResult w) {
            o.field("siteId", w.siteId()).field("populationServed", w.populationServed()).field("sampleStart", w.sampleStart())
                    .field("sampleEnd", w.sampleEnd());
            o.list("measurements", w.measurements(), (m, e) -> e.field("substance", m.substance())
                    .field("concentrationNgPerL", m.concentrationNgPerL()).field("loadMgPerDayPer1000", m.loadMgPerDayPer1000())
                    .field("belowLoq", m.belowLoq()));
        } else if (payload instanceof DrugCheckingResult d) {
            o.field("form", d.form()).field("soldAs", d.soldAs()).field("method", d.method()).field("confirmed", d.confirmed());
            o.list("components", d.components(), (c, e) -> e.field("substance", c.substance()).field("amountMg", c.amountMg())
                    .field("purityPercent", c.purityPercent()));
        } else if (payload instanceof SeizureReport s) {
            o.field("agency", s.agency());
            o.list("items", s.items(), (i, e) -> e.field("substance", i.substance()).field("quantity", i.quantity())
                    .field("unit", i.unit()).field("purityPercent", i.purityPercent()).field("form", i.form()));
        } else if (payload instanceof PatientEvent p) {
            o.field("eventType", p.eventType()).field("setting", p.setting()).field("count", p.count()).field("ageBand", p.ageBand())
                    .field("sex", p.sex()).strings("suspectedSubstances", p.suspectedSubstances())
                    .strings("confirmedSubstances", p.confirmedSubstances());
        } else if (payload instanceof SyringeResult s) {
            o.field("siteId", s.siteId()).field("syringeCount", s.syringeCount());
            o.list("detected", s.detected(), (d, e) -> e.field("substance", d.substance()).field("syringesPositive", d.syringesPositive()));
        }
        o.close();
    }

    /** Writes one JSON object's members, leaving nulls out. */
    private static final class Obj {
        private final JsonGenerator g;

        Obj(JsonGenerator g) throws IOException {
            this.g = g;
            g.writeStartObject();
        }

        Obj field(String name, Object value) throws IOException {
            if (value != null) {
                g.writeFieldName(name);
                value(value);
            }
            return this;
        }

        Obj strings(String name, List<String> values) throws IOException {
            if (values != null) {
                g.writeArrayFieldStart(name);
                for (var v : values) {
                    value(v);
                }
                g.writeEndArray();
            }
            return this;
        }

        <T> Obj list(String name, List<T> values, Element<T> element) throws IOException {
            if (values != null) {
                g.writeArrayFieldStart(name);
                for (var v : values) {
                    var inner = new Obj(g);
                    element.write(v, inner);
                    inner.close();
                }
                g.writeEndArray();
            }
            return this;
        }

        private void value(Object value) throws IOException {
            if (value == null) {
                g.writeNull();
            } else if (value instanceof String s) {
                g.writeString(s);
            } else if (value instanceof Enum<?> e) {
                g.writeString(e.name());
            } else if (value instanceof Double d) {
                if (d.isNaN() || d.isInfinite()) {
                    throw new IllegalArgumentException("not a JSON number: " + d);
                }
                g.writeNumber(d);
            } else if (value instanceof Integer i) {
                g.writeNumber(i);
            } else if (value instanceof Long l) {
                g.writeNumber(l);
            } else if (value instanceof BigDecimal b) {
                g.writeNumber(b);
            } else if (value instanceof Number n) {
                g.writeNumber(n.toString());
            } else if (value instanceof Boolean b) {
                g.writeBoolean(b);
            } else {
                g.writeString(value.toString());
            }
        }

        void close() throws IOException {
            g.writeEndObject();
        }
    }

    @FunctionalInterface
    private interface Element<T> {
        void write(T value, Obj into) throws IOException;
    }
}
