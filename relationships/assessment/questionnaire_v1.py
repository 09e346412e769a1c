"""The first questionnaire: twenty statements in ten themes, in Dutch and English.

Loaded by migration 0002 and, should the tables have been emptied (a test flush, a
wiped demo database), by services.ensure_questionnaire. Later versions are made in the
admin, never by editing this file: old answers keep the meaning they were given under.
"""

THEMES = [
    ("results", "Resultaten en schuldvraag", "Results and blame"),
    ("planning", "Samen plannen", "Joint planning"),
    ("language", "Gedeelde taal", "Shared language"),
    ("feedback", "Terugkoppeling van sales naar marketing", "Feedback from sales to marketing"),
    ("handoff", "Funnel en overdracht", "Funnel and handoff"),
    ("metrics", "Meetpunten en doelen", "Metrics and targets"),
    ("accounts", "Klanten en key accounts", "Customers and key accounts"),
    ("structure", "Structuur en leiding", "Structure and leadership"),
    ("people", "Wisselen tussen teams en samen leren", "Moving between teams, training together"),
    ("culture", "Samen winnen", "Winning together"),
]

STATEMENTS = [
    (
        "results",
        "Als een kwartaal tegenvalt, zoeken we samen naar oorzaken in plaats van naar het "
        "andere team te wijzen.",
        "When a quarter disappoints, we look for causes together instead of pointing at the "
        "other team.",
    ),
    (
        "results",
        "Beide teams kunnen zien hoe het geld dat marketing uitgeeft bijdraagt aan de omzet.",
        "Both teams can see how the money marketing spends contributes to revenue.",
    ),
    (
        "planning",
        "Marketing en sales stellen hun jaar- en kwartaalplannen samen op.",
        "Marketing and sales draw up their yearly and quarterly plans together.",
    ),
    (
        "planning",
        "Sales hoort ruim voor de start over komende campagnes en acties.",
        "Sales hears about upcoming campaigns and promotions well before they start.",
    ),
    (
        "language",
        "We hanteren dezelfde definities voor begrippen als lead, gekwalificeerde lead en kans.",
        "We use the same definitions for words such as lead, qualified lead and opportunity.",
    ),
    (
        "language",
        "Als iemand van het andere team iets uitlegt, begrijp ik zonder vertaalslag wat er "
        "bedoeld wordt.",
        "When someone from the other team explains something, I understand what they mean "
        "without having to translate it.",
    ),
    (
        "feedback",
        "Verkopers kunnen in een paar minuten aan marketing doorgeven wat klanten zeggen.",
        "Salespeople can pass on what customers tell them to marketing in a couple of minutes.",
    ),
    (
        "feedback",
        "Marketing doet zichtbaar iets met de feedback die sales geeft.",
        "Marketing visibly acts on the feedback that sales gives.",
    ),
    (
        "handoff",
        "Er staat op papier wanneer een lead van marketing naar sales gaat, en beide teams "
        "houden zich daaraan.",
        "It is written down when a lead moves from marketing to sales, and both teams stick to it.",
    ),
    (
        "handoff",
        "Leads die marketing overdraagt, worden snel opgevolgd of met een reden teruggegeven.",
        "Leads that marketing hands over are followed up quickly, or returned with a reason.",
    ),
    (
        "metrics",
        "Marketing en sales kijken naar dezelfde cijfers op hetzelfde dashboard.",
        "Marketing and sales look at the same figures on the same dashboard.",
    ),
    (
        "metrics",
        "Ik ken de doelen van het andere team net zo goed als die van mijn eigen team.",
        "I know the other team's targets as well as those of my own team.",
    ),
    (
        "accounts",
        "Voor onze grootste klanten bepalen marketing en sales samen de aanpak.",
        "For our largest customers, marketing and sales decide the approach together.",
    ),
    (
        "accounts",
        "Marketing helpt sales bij lopende deals, bijvoorbeeld met content of een evenement "
        "voor een bepaalde klant.",
        "Marketing helps sales with deals in progress, for instance with content or an event "
        "for a particular customer.",
    ),
    (
        "structure",
        "Eén persoon stuurt marketing en sales samen aan op omzet en winst.",
        "One person steers marketing and sales together on revenue and profit.",
    ),
    (
        "structure",
        "Het is duidelijk welk team verantwoordelijk is voor elke fase van het aankoopproces "
        "van de klant.",
        "It is clear which team is responsible for each phase of the customer's buying process.",
    ),
    (
        "people",
        "Mensen stappen weleens over van marketing naar sales of andersom, of lopen een tijd "
        "mee met het andere team.",
        "People sometimes move from marketing to sales or the other way round, or spend time "
        "working alongside the other team.",
    ),
    (
        "people",
        "Marketing en sales volgen samen trainingen of inwerkprogramma's.",
        "Marketing and sales take training courses or onboarding programmes together.",
    ),
    (
        "culture",
        "Een gewonnen deal voelt als een succes van beide teams.",
        "A deal that is won feels like a success for both teams.",
    ),
    (
        "culture",
        "Een deel van mijn beloning hangt af van resultaten die we samen met het andere team "
        "behalen.",
        "Part of my reward depends on results we achieve together with the other team.",
    ),
]
