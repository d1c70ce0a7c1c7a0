package no.rusvarsel.ingest.signal;

/** Example request bodies for the OpenAPI document, one per source type (compile-time constants for annotations). */
final class ApiExamples {

    private ApiExamples() {
    }

    static final String WASTEWATER = """
            {"externalId":"WW-VEAS-2025-03-01","region":"0301","observedAt":"2025-03-01","siteId":"VEAS","populationServed":650000,
             "sampleStart":"2025-03-01T07:00:00Z","sampleEnd":"2025-03-02T07:00:00Z",
             "measurements":[{"substance":"benzoylecgonine","concentrationNgPerL":812.5,"loadMgPerDayPer1000":455.1,"belowLoq":false}]}""";

    static final String DRUG_CHECKING = """
            {"externalId":"DC-2025-0117","region":"0301","observedAt":"2025-03-02","form":"TABLET","soldAs":"oxycodone",
             "method":"LC_MS","confirmed":true,"components":[{"substance":"isotonitazen","amountMg":0.4}]}""";

    static final String SEIZURE = """
            {"externalId":"TOLL-2025-88","region":"5001","observedAt":"2025-02-27","agency":"CUSTOMS",
             "items":[{"substance":"carfentanil","quantity":12.5,"unit":"G","purityPercent":4}]}""";

    static final String PATIENT_EVENT = """
            {"externalId":"AMK-2025-03-03-4601","region":"4601","observedAt":"2025-03-03","eventType":"OVERDOSE_NONFATAL",
             "setting":"AMBULANCE","count":3,"ageBand":"25-34","suspectedSubstances":["heroin"],"confirmedSubstances":["metonitazene"]}""";

    static final String SYRINGE = """
            {"externalId":"SPR-1103-2025-03","region":"1103","observedAt":"2025-03-04","siteId":"Stavanger LAR","syringeCount":120,
             "detected":[{"substance":"heroin","syringesPositive":60},{"substance":"xylazin","syringesPositive":3}]}""";


    static final String ACCEPTED = """
            {"accepted":1,"duplicates":0,"corrected":0,
             "results":[{"externalId":"DC-2025-0117","signalId":"3f1c2a9e-5b7d-3c1e-9a0b-1d2e3f4a5b6c","status":"ACCEPTED"}]}""";

    static final String INVALID = """
            {"type":"https://rusvarsel.no/problems/invalid-records","title":"Invalid records","status":400,
             "detail":"1 of 2 records are invalid; nothing was accepted","instance":"/api/v1/signals/drug-checking",
             "errors":[{"index":1,"field":"components[0].amountMg","message":"must be ≥ 0"}]}""";
}
