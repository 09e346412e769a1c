"""The demo's field notes and replies, in Dutch: what the demo salespeople (and the
service desk) heard, and what marketing answered."""

from relationships.models import NoteKind

K = NoteKind
WEEKS = 10
# What a note is about: a lead of its author, a segment (by the start of its name) or a
# campaign (by the start of its code).
LEAD, SEGMENT, CAMPAIGN = "lead", "segment", "campaign"

# (kind, author, text, (tie, which) or None), oldest first
NOTES = [
    (
        K.OBJECTION,
        "verkoper",
        "Drie prospects in de maakindustrie vinden twaalf weken implementatie te lang: ze willen "
        "vóór de zomer live. Kunnen we een snelstartpakket laten zien?",
        (SEGMENT, "Middelgrote"),
    ),
    (
        K.COMPETITOR,
        "verkoper",
        "PlanPro biedt deze prospect een gratis pilot van drie maanden aan. De klant vroeg of wij "
        "dat ook doen.",
        (LEAD, None),
    ),
    (
        K.FEATURE_REQUEST,
        "joris",
        "Logistieke klanten vragen steeds naar een koppeling met hun transportmanagementsysteem. "
        "Zonder die koppeling haken ze af na de demo.",
        (SEGMENT, "Logistieke"),
    ),
    (
        K.WIN_STORY,
        "noor",
        "Rijnmond Logistiek verlengt voor drie jaar. Doorslaggevend: de planners besparen een "
        "halve dag per week. Materiaal voor een klantverhaal?",
        (LEAD, None),
    ),
    (
        K.LOST_DEAL,
        "fatima",
        "Verloren bij een ziekenhuisgroep in Gent: ze kozen een leverancier met een Franstalige "
        "interface voor hun Waalse vestigingen.",
        (SEGMENT, "Zorg"),
    ),
    (
        K.OBJECTION,
        "fatima",
        "Zorginstellingen vragen of hun gegevens in de EU blijven. De whitepaper zegt daar niets "
        "over.",
        (SEGMENT, "Zorg"),
    ),
    (
        K.OTHER,
        "joris",
        "De leads uit de LinkedIn-serie zijn vaak studenten of consultants. Kan de targeting "
        "scherper?",
        (CAMPAIGN, "SOCIAL"),
    ),
    (
        K.FEATURE_REQUEST,
        "verkoper",
        "Twee klanten willen de planning op een tv-scherm in de fabriekshal tonen. Een eenvoudige "
        "hal-weergave zou veel indruk maken.",
        None,
    ),
    (
        K.WIN_STORY,
        "verkoper",
        "Gewonnen bij een metaalbewerker in Eindhoven dankzij het webinar: de inkoper had de "
        "opname drie keer bekeken.",
        (CAMPAIGN, "WEB"),
    ),
    (
        K.COMPETITOR,
        "noor",
        "Een concurrent rekent per planner in plaats van per locatie. Bij grote klanten zijn wij "
        "daardoor op papier duurder.",
        None,
    ),
    (
        K.OBJECTION,
        "joris",
        "Scale-ups vinden een jaarlicentie een drempel; ze vragen om een maandelijks opzegbaar "
        "abonnement.",
        None,
    ),
    (
        K.LOST_DEAL,
        "verkoper",
        "Verloren op prijs: ons voorstel was 18% duurder dan dat van PlanPro en de klant zag het "
        "verschil in functies niet.",
        (LEAD, None),
    ),
    (
        K.OTHER,
        "kevin",
        "Klanten die via het partnerwebinar binnenkwamen bellen vaak met vragen over de "
        "ERP-koppeling. Een FAQ bij de start zou schelen.",
        (CAMPAIGN, "PARTNER"),
    ),
    (
        K.FEATURE_REQUEST,
        "fatima",
        "Roosteraars in de zorg willen diensten en verlof in dezelfde planning zien.",
        (SEGMENT, "Zorg"),
    ),
    (
        K.WIN_STORY,
        "joris",
        "Een transportbedrijf in Venlo tekende na de klantendag: de rondleiding bij een bestaande "
        "klant gaf de doorslag.",
        (CAMPAIGN, "EVENT"),
    ),
    (
        K.COMPETITOR,
        "fatima",
        "In Vlaanderen duikt ZorgRooster op, met een lage instapprijs. Ze hebben nog geen "
        "koppeling met de gangbare patiëntdossiers.",
        (SEGMENT, "Zorg"),
    ),
    (
        K.OBJECTION,
        "manager-sales",
        "Inkopers bij gemeenten vragen naar referenties in de publieke sector. We hebben er nu "
        "maar één die we mogen noemen.",
        (SEGMENT, "Gemeenten"),
    ),
    (
        K.LOST_DEAL,
        "noor",
        "Verloren bij een havenbedrijf: ze wilden een installatie op eigen servers, en die bieden "
        "we niet meer aan.",
        (LEAD, None),
    ),
    (
        K.OTHER,
        "verkoper",
        "Op de Techni-Show vroegen veel bezoekers naar duurzaamheid: kan de planning het "
        "energieverbruik per order laten zien?",
        (CAMPAIGN, "BEURS"),
    ),
    (
        K.FEATURE_REQUEST,
        "noor",
        "Key accounts willen elk kwartaal een overzicht van hun besparingen. Nu maken we dat met "
        "de hand in Excel.",
        None,
    ),
    (
        K.OBJECTION,
        "verkoper",
        "‘We plannen al jaren in Excel en dat werkt prima.’ Hoor ik elke week. Een rekenvoorbeeld "
        "van de tijdwinst zou helpen.",
        (SEGMENT, "Middelgrote"),
    ),
    (
        K.WIN_STORY,
        "fatima",
        "Onze zorgklant breidt uit naar twee extra campussen. De projectleider prees de "
        "begeleiding door service.",
        (LEAD, None),
    ),
    (
        K.COMPETITOR,
        "joris",
        "Prospects noemen steeds vaker de gratis planningsmodule van hun ERP-leverancier ‘goed "
        "genoeg’.",
        None,
    ),
    (
        K.OTHER,
        "directeur",
        "Bij de laatste drie grote deals vroeg de directie van de klant om een businesscase op "
        "één A4. Kan marketing een sjabloon maken?",
        None,
    ),
    (
        K.LOST_DEAL,
        "joris",
        "Verloren bij een groothandel: de demo duurde te lang en ging over functies die ze niet "
        "nodig hadden.",
        (SEGMENT, "Groothandel"),
    ),
    (
        K.OBJECTION,
        "noor",
        "Klanten schrikken van de prijsverhoging per 1 januari. Graag een heldere uitleg van wat "
        "ze ervoor terugkrijgen.",
        None,
    ),
    (
        K.FEATURE_REQUEST,
        "verkoper",
        "Een app voor de ploegleider, om afwijkingen direct door te geven, wordt vaak gevraagd.",
        None,
    ),
    (
        K.WIN_STORY,
        "manager-sales",
        "Vier deals uit de voorjaarsactie in één maand: de korting op de implementatie werkte als "
        "deadline.",
        (CAMPAIGN, "MAIL"),
    ),
    (
        K.COMPETITOR,
        "verkoper",
        "PlanPro kondigt een versie met voorspellingen op basis van AI aan. Klanten vragen wat "
        "wij daar tegenover zetten.",
        None,
    ),
    (
        K.OTHER,
        "fatima",
        "Vlaamse zorginstellingen verwachten een formelere toon en eigen voorbeelden in de "
        "brochure, niet de Nederlandse.",
        (SEGMENT, "Zorg"),
    ),
    (
        K.OBJECTION,
        "joris",
        "Wie de whitepaper downloadde verwacht meteen een prijs. Kan er een richtprijs op de "
        "website?",
        (CAMPAIGN, "SEA"),
    ),
    (
        K.LOST_DEAL,
        "fatima",
        "Aanbesteding van een koepel van verpleeghuizen verloren op het criterium ‘referenties in "
        "België’.",
        None,
    ),
    (
        K.FEATURE_REQUEST,
        "noor",
        "Rijnmond Logistiek wil planningen delen met onderaannemers zonder extra licenties.",
        (LEAD, None),
    ),
    (
        K.WIN_STORY,
        "verkoper",
        "Een voedingsbedrijf koos voor ons na de proefmaand: de koppeling met hun ERP werkte "
        "binnen twee dagen.",
        (CAMPAIGN, "WEB"),
    ),
    (
        K.OTHER,
        "kevin",
        "Nieuwe klanten weten vaak niet dat training bij de licentie hoort. Noem het in het "
        "voorstel en in de brochure.",
        None,
    ),
    (
        K.OBJECTION,
        "fatima",
        "Zorginstellingen willen een proefperiode met hun eigen roosters, niet met demogegevens.",
        (SEGMENT, "Zorg"),
    ),
    (
        K.COMPETITOR,
        "noor",
        "Een concurrent migreert oude planningen gratis. Wij rekenen daar twee consultancydagen "
        "voor.",
        None,
    ),
    (
        K.FEATURE_REQUEST,
        "joris",
        "Klanten vragen om Engelstalige rapporten voor hun buitenlandse moederbedrijf.",
        None,
    ),
    (
        K.LOST_DEAL,
        "verkoper",
        "Verloren bij een machinebouwer: de beslisser kwam pas in de laatste fase aan tafel en "
        "vond ons ‘te groot’ voor hen.",
        (SEGMENT, "Middelgrote"),
    ),
    (
        K.WIN_STORY,
        "joris",
        "Een webwinkel tekende binnen drie weken: de casus uit de LinkedIn-serie sloot precies "
        "aan bij hun vraag.",
        (CAMPAIGN, "SOCIAL"),
    ),
]

# (note number, who replies, reply, the author's answer or "")
REPLIES = [
    (
        0,
        "manager-marketing",
        "Goed punt. We werken aan een snelstartpakket van zes weken; ik zet het op de agenda van "
        "het weekoverleg.",
        "",
    ),
    (
        1,
        "marketeer",
        "Dank! We zetten de verschillen met PlanPro voor jullie op een rij.",
        "Graag vóór mijn vervolgafspraak van donderdag.",
    ),
    (
        3,
        "lotte",
        "Zeker. Ik plan een interview met hun planners voor een klantverhaal.",
        "",
    ),
    (
        5,
        "lotte",
        "We voegen een alinea over opslag in de EU toe aan de whitepaper en zetten het op de "
        "website.",
        "",
    ),
    (
        6,
        "daan",
        "Klopt, de kosten per MQL van die serie zijn hoog. We sluiten studenten en adviesbureaus "
        "voortaan uit.",
        "",
    ),
    (
        8,
        "marketeer",
        "Mooi om te horen! Het volgende webinar staat voor over zes weken gepland.",
        "",
    ),
    (
        12,
        "lotte",
        "Goed idee: we maken een korte FAQ over de ERP-koppeling voor de welkomstmail.",
        "",
    ),
    (
        16,
        "manager-marketing",
        "We vragen twee gemeenten of we hen als referentie mogen noemen.",
        "Top, dan neem ik ze mee in de lopende aanbesteding.",
    ),
    (
        20,
        "daan",
        "Ik maak een rekenvoorbeeld op basis van de gemiddelde besparing bij onze klanten.",
        "",
    ),
    (
        23,
        "manager-marketing",
        "Staat op de planning: een sjabloon voor een businesscase op één A4.",
        "",
    ),
    (
        30,
        "marketeer",
        "We bespreken in het overleg of een vanaf-prijs past bij onze positionering.",
        "",
    ),
]
