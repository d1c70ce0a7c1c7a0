package no.rusvarsel.ingest.validation;

import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SourceType;

/** The record schema of each source type (DESIGN §4), written as {@link Spec}s: the one place the field rules live. */
public final class Schemas {

    private static final Spec.Text ID = Spec.string(1, 128).required();
    private static final Spec.Text SUBSTANCE = Spec.string(1, 200).required();
    private static final Spec.Num PERCENT = Spec.number().min(0).max(100);
    /** The largest sewer catchment accepted: above the biggest treatment plants in the world (a typo or unit error). */
    static final long MAX_POPULATION_SERVED = 20_000_000;

    public static final Spec.Obj WASTEWATER = common("wastewater")
            .field("siteId", ID)
            .field("populationServed", Spec.integer().min(1).max(MAX_POPULATION_SERVED).required())
            .field("sampleStart", Spec.dateTime().required())
            .field("sampleEnd", Spec.dateTime().required())
            .field("measurements", Spec.list(Spec.object("a wastewater measurement")
                            .field("substance", SUBSTANCE)
                            .field("concentrationNgPerL", Spec.number().min(0).required())
                            .field("loadMgPerDayPer1000", Spec.number().min(0))
                            .field("belowLoq", Spec.bool()))
                    .nonEmpty().maxItems(500).required())
            .check(Spec.Check.notBefore("sampleEnd", "sampleStart"));

    public static final Spec.Obj DRUG_CHECKING = common("drug-checking")
            .field("form", Spec.enumOf(DrugCheckingResult.Form.class).required())
            .field("soldAs", Spec.string(0, 200))
            .field("method", Spec.enumOf(DrugCheckingResult.Method.class).required())
            .field("confirmed", Spec.bool().required())
            .field("components", Spec.list(Spec.object("a drug-checking component")
                            .field("substance", SUBSTANCE)
                            .field("amountMg", Spec.number().min(0))
                            .field("purityPercent", PERCENT))
                    .nonEmpty().maxItems(100).required());

    public static final Spec.Obj SEIZURE = common("seizure")
            .field("agency", Spec.enumOf(SeizureReport.Agency.class).required())
            .field("items", Spec.list(Spec.object("a seizure item")
                            .field("substance", SUBSTANCE)
                            .field("quantity", Spec.number().greaterThan(0).required())
                            .field("unit", Spec.enumOf(SeizureReport.Unit.class).required())
                            .field("purityPercent", PERCENT)
                            .field("form", Spec.enumOf(DrugCheckingResult.Form.class)))
                    .nonEmpty().maxItems(100).required());

    public static final Spec.Obj PATIENT_EVENT = common("patient-event")
            .field("eventType", Spec.enumOf(PatientEvent.EventType.class).required())
            .field("setting", Spec.enumOf(PatientEvent.Setting.class).required())
            .field("count", Spec.integer().min(1).max(100_000).required())
            .field("ageBand", Spec.string(1, 7).matching("^(\\d{1,3}-\\d{1,3}|\\d{1,3}\\+)$", "must be an age band such as 20-29 or 80+"))
            .field("sex", Spec.enumOf(PatientEvent.Sex.class))
            .field("suspectedSubstances", Spec.list(SUBSTANCE).maxItems(50))
            .field("confirmedSubstances", Spec.list(SUBSTANCE).maxItems(50));

    public static final Spec.Obj SYRINGE = common("syringe")
            .field("siteId", ID)
            .field("syringeCount", Spec.integer().min(1).max(1_000_000).required())
            .field("detected", Spec.list(Spec.object("a syringe detection")
                            .field("substance", SUBSTANCE)
                            .field("syringesPositive", Spec.integer().min(0).max(1_000_000).required()))
                    .maxItems(100).required())
            .check(Spec.Check.eachAtMost("detected", "syringesPositive", "syringeCount"));

    private Schemas() {
    }

    public static Spec.Obj forType(SourceType type) {
        return switch (type) {
            case WASTEWATER -> WASTEWATER;
            case DRUG_CHECKING -> DRUG_CHECKING;
            case SEIZURE -> SEIZURE;
            case PATIENT_EVENT -> PATIENT_EVENT;
            case SYRINGE -> SYRINGE;
        };
    }

    /** The fields every source type has. */
    private static Spec.Obj common(String sourceType) {
        return Spec.object("the " + sourceType + " record")
                .field("externalId", ID)
                .field("region", Spec.region().required())
                .field("observedAt", Spec.dateTime().required())
                .field("notes", Spec.string(0, 2000));
    }
}
