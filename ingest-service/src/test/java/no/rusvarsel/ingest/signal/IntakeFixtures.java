package no.rusvarsel.ingest.signal;

import no.rusvarsel.contracts.signal.SourceType;

import java.util.Map;

/** One valid record per source type, as a provider would send it (DESIGN §4). */
final class IntakeFixtures {

    private IntakeFixtures() {
    }

    static final Map<SourceType, String> VALID = Map.of(
            SourceType.WASTEWATER, """
                    {"externalId":"%s","region":"0301","observedAt":"2025-03-01","siteId":"VEAS","populationServed":650000,
                     "sampleStart":"2025-03-01T07:00:00Z","sampleEnd":"2025-03-02T07:00:00Z",
                     "measurements":[{"substance":"benzoylecgonine","concentrationNgPerL":812.5,"loadMgPerDayPer1000":455.1,"belowLoq":false}]}""",
            SourceType.DRUG_CHECKING, """
                    {"externalId":"%s","region":"0301","observedAt":"2025-03-02","form":"TABLET","soldAs":"oxycodone",
                     "method":"LC_MS","confirmed":true,"components":[{"substance":"isotonitazen","amountMg":0.4}]}""",
            SourceType.SEIZURE, """
                    {"externalId":"%s","region":"5001","observedAt":"2025-02-27","agency":"CUSTOMS",
                     "items":[{"substance":"carfentanil","quantity":12.5,"unit":"G","purityPercent":4}]}""",
            SourceType.PATIENT_EVENT, """
                    {"externalId":"%s","region":"4601","observedAt":"2025-03-03","eventType":"OVERDOSE_NONFATAL",
                     "setting":"AMBULANCE","count":3,"ageBand":"25-34","suspectedSubstances":["heroin"],"confirmedSubstances":["metonitazene"]}""",
            SourceType.SYRINGE, """
                    {"externalId":"%s","region":"1103","observedAt":"2025-03-04","siteId":"Stavanger LAR","syringeCount":120,
                     "detected":[{"substance":"heroin","syringesPositive":60},{"substance":"xylazin","syringesPositive":3}]}""");

    static final Map<SourceType, String> COUNTY = Map.of(SourceType.WASTEWATER, "03", SourceType.DRUG_CHECKING, "03",
            SourceType.SEIZURE, "50", SourceType.PATIENT_EVENT, "46", SourceType.SYRINGE, "11");

    static String valid(SourceType type, String externalId) {
        return VALID.get(type).formatted(externalId);
    }
}
