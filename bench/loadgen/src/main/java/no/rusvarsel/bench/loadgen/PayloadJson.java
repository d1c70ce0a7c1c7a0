package no.rusvarsel.bench.loadgen;

import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalPayload;
import no.rusvarsel.contracts.signal.SyringeResult;
import no.rusvarsel.contracts.signal.WastewaterResult;

import java.util.List;

/**
 * A payload record as the ingest API takes it: the contract record's fields in order, nulls left out, and no {@code type}
 * discriminator (that belongs to the Kafka envelope; ingest rejects unknown fields). Written by hand because a
 * benchmark must not wait for its generator: about ten times faster than a serialise–strip–serialise round trip.
 */
public final class PayloadJson {

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
        var o = new Obj(out);
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
        private final StringBuilder out;
        private boolean first = true;

        Obj(StringBuilder out) {
            this.out = out;
            out.append('{');
        }

        private void name(String name) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(name).append("\":");
        }

        Obj field(String name, Object value) {
            if (value != null) {
                name(name);
                value(value);
            }
            return this;
        }

        Obj strings(String name, List<String> values) {
            if (values != null) {
                name(name);
                out.append('[');
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    value(values.get(i));
                }
                out.append(']');
            }
            return this;
        }

        <T> Obj list(String name, List<T> values, java.util.function.BiConsumer<T, Obj> element) {
            if (values != null) {
                name(name);
                out.append('[');
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    var inner = new Obj(out);
                    element.accept(values.get(i), inner);
                    inner.close();
                }
                out.append(']');
            }
            return this;
        }

        private void value(Object value) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof String s) {
                string(s);
            } else if (value instanceof Enum<?> e) {
                string(e.name());
            } else if (value instanceof Double d) {
                if (d.isNaN() || d.isInfinite()) {
                    throw new IllegalArgumentException("not a JSON number: " + d);
                }
                out.append(d.doubleValue());
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                string(value.toString());
            }
        }

        private void string(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        void close() {
            out.append('}');
        }
    }
}
