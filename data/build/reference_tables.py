"""The content of the FORA-style reference model, as plain tables.

Labels follow the FORA vocabulary (the Dutch term of every element is kept as its ``fora_term``);
the descriptions are our own. :mod:`data.build.build_data` turns these tables into a model.

The process tree runs domain -> main business function -> business function -> activity. Each
activity names the information it accesses as ``"<information>:<r|w|rw>"``. Business functions
that need no system (governance, vision forming, housing...) say ``needs_support=False``; their
activities inherit it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DOMAINS",
    "FUNCTIONS",
    "INFORMATION",
    "SYSTEM_TYPES",
    "TYPE_SUPPORTS",
    "Activity",
    "AppFunction",
    "BusinessFunction",
    "Domain",
    "Information",
    "MainFunction",
    "SystemType",
    "parse_accesses",
]

_ACCESS = {"r": "read", "w": "write", "rw": "readwrite"}


@dataclass(frozen=True)
class Activity:
    """A business process (FORA "bedrijfsproces"): the smallest unit of work in the tree."""

    name: str
    term: str
    accesses: tuple[tuple[str, str], ...]
    criticality: str | None = None
    needs_support: bool | None = None


@dataclass(frozen=True)
class BusinessFunction:
    """A business function: a group of activities; support is usually attached here."""

    name: str
    term: str
    activities: tuple[Activity, ...]
    needs_support: bool | None = None
    documentation: str = ""


@dataclass(frozen=True)
class MainFunction:
    """A main business function (FORA "hoofdbedrijfsfunctie")."""

    name: str
    term: str
    functions: tuple[BusinessFunction, ...]


@dataclass(frozen=True)
class Domain:
    """One of FORA's seven business domains, modelled as an ArchiMate Grouping."""

    name: str
    term: str
    documentation: str
    mains: tuple[MainFunction, ...]


@dataclass(frozen=True)
class Information:
    """An information object (ArchiMate BusinessObject)."""

    name: str
    term: str
    personal_data: bool
    sensitivity: str
    documentation: str


@dataclass(frozen=True)
class SystemType:
    """A reference component: a kind of system every school may need."""

    code: str
    name: str
    term: str
    documentation: str
    abbreviation: str = ""


@dataclass(frozen=True)
class AppFunction:
    """An application function, assigned to one or more system types, supporting processes or activities."""

    name: str
    term: str
    types: tuple[str, ...]
    supports: tuple[str, ...]
    documentation: str


def parse_accesses(accesses: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``("Grades:w", ...)`` as ``(("Grades", "write"), ...)``."""
    parsed = []
    for access in accesses:
        info, _, code = access.rpartition(":")
        parsed.append((info, _ACCESS[code]))
    return tuple(parsed)


def act(name: str, term: str, *accesses: str, crit: str | None = None, needs: bool | None = None) -> Activity:
    """An activity; each access is written ``"<information>:<r|w|rw>"``."""
    return Activity(name, term, parse_accesses(accesses), crit, needs)


def bf(name: str, term: str, *activities: Activity, needs: bool | None = None, doc: str = "") -> BusinessFunction:
    """A business function holding ``activities``."""
    return BusinessFunction(name, term, activities, needs, doc)


def mf(name: str, term: str, *functions: BusinessFunction) -> MainFunction:
    """A main business function holding business ``functions``."""
    return MainFunction(name, term, functions)


GOVERNANCE = "Governance work: it needs people and meetings, not a system."

DOMAINS: tuple[Domain, ...] = (
    Domain("School board", "Bevoegd gezag",
           "The legal authority over one or more schools: strategy, supervision and accountability.", (
        mf("Governance", "Besturen",
           bf("Strategic policy", "Strategisch beleid",
              act("Adopt the strategic multi-year plan", "Strategisch meerjarenplan vaststellen",
                  "Policy documents:rw"),
              act("Approve the budget and annual accounts", "Begroting en jaarrekening goedkeuren",
                  "Budget:r", "Annual report:r"),
              needs=False, doc=GOVERNANCE),
           bf("Internal supervision", "Intern toezicht",
              act("Hold supervisory board meetings", "Vergaderingen raad van toezicht houden",
                  "Governance records:rw"),
              act("Appraise the executive board", "Bestuur beoordelen", "Governance records:rw"),
              needs=False, doc=GOVERNANCE),
           bf("Participation council", "Medezeggenschap",
              act("Hold participation council elections", "Verkiezingen medezeggenschapsraad organiseren",
                  "Governance records:w"),
              act("Consult the participation council", "Medezeggenschapsraad raadplegen",
                  "Governance records:rw", "Policy documents:r"),
              needs=False, doc=GOVERNANCE)),
        mf("Accountability", "Verantwoording",
           bf("Annual reporting", "Jaarverslaggeving",
              act("Compile the annual report", "Jaarverslag opstellen",
                  "Annual report:w", "Financial ledger:r", "Quality data:r"),
              act("Publish the annual report", "Jaarverslag publiceren", "Annual report:r"))),
    )),
    Domain("School management", "Schoolleiding",
           "Leading the school: vision, planning, quality assurance and leading the team.", (
        mf("Policy and planning", "Beleid en planning",
           bf("Vision forming", "Visievorming",
              act("Hold vision sessions with the team", "Visiebijeenkomsten houden", "Policy documents:rw"),
              act("Formulate the educational vision", "Onderwijskundige visie formuleren", "Policy documents:w"),
              needs=False, doc=GOVERNANCE),
           bf("School plan", "Schoolplan",
              act("Write the school plan", "Schoolplan schrijven", "School plan:w", "Quality data:r"),
              act("Set annual improvement goals", "Jaardoelen vaststellen", "School plan:rw"),
              act("Monitor progress on the school plan", "Voortgang schoolplan bewaken",
                  "School plan:r", "Quality data:r")),
           bf("Formation planning", "Formatieplanning",
              act("Plan the staff formation", "Formatie plannen", "Staff record:r", "Budget:r", crit="medium"),
              act("Allocate teaching tasks", "Taken toedelen", "Staff record:r", "Timetable:r"))),
        mf("Quality assurance", "Kwaliteitszorg",
           bf("Quality monitoring", "Kwaliteitsbewaking",
              act("Analyse learning results", "Opbrengsten analyseren",
                  "Grades:r", "Progress test results:r", "Quality data:w"),
              act("Run self-evaluations", "Zelfevaluatie uitvoeren", "Quality data:rw"),
              act("Prepare for inspection visits", "Inspectiebezoek voorbereiden",
                  "Quality data:r", "School plan:r")),
           bf("Satisfaction surveys", "Tevredenheidsonderzoek",
              act("Survey pupils", "Leerlingtevredenheid meten", "Survey results:w"),
              act("Survey parents", "Oudertevredenheid meten", "Survey results:w", "Parent contact details:r"),
              act("Survey staff", "Medewerkerstevredenheid meten", "Survey results:w"))),
        mf("Leadership", "Leidinggeven",
           bf("Team leadership", "Leidinggeven aan het team",
              act("Hold team meetings", "Teamvergaderingen houden", "Policy documents:r"),
              act("Coach team leaders", "Teamleiders coachen", "Staff record:r"),
              needs=False, doc=GOVERNANCE)),
    )),
    Domain("Education", "Onderwijs",
           "The primary process: designing, preparing and delivering education, assessing and following pupils.", (
        mf("Curriculum design", "Onderwijs ontwerpen",
           bf("Curriculum development", "Curriculumontwikkeling",
              act("Define learning objectives", "Leerdoelen bepalen", "Curriculum:rw"),
              act("Design learning lines", "Leerlijnen ontwerpen", "Curriculum:rw"),
              act("Select teaching methods and materials", "Lesmethoden kiezen",
                  "Learning materials:r", "Curriculum:r")),
           bf("Testing programme", "Programma van toetsing en afsluiting",
              act("Draw up the testing and completion programme", "PTA opstellen",
                  "Testing and completion programme:w", "Curriculum:r"),
              act("Publish the PTA to pupils", "PTA publiceren", "Testing and completion programme:r"))),
        mf("Lesson preparation", "Onderwijs voorbereiden",
           bf("Lesson planning", "Lesvoorbereiding",
              act("Plan a lesson series", "Lessenreeks plannen", "Lesson plans:w", "Curriculum:r"),
              act("Prepare lessons", "Lessen voorbereiden", "Lesson plans:rw", "Learning materials:r"),
              act("Prepare differentiated instruction", "Gedifferentieerde instructie voorbereiden",
                  "Lesson plans:rw", "Progress test results:r")),
           bf("Learning materials management", "Leermiddelenbeheer",
              act("Make digital learning materials available", "Digitaal lesmateriaal beschikbaar stellen",
                  "Learning materials:rw"),
              act("Create own learning materials", "Eigen lesmateriaal maken",
                  "Learning materials:w", "Documents:w"))),
        mf("Teaching", "Onderwijs verzorgen",
           bf("Lesson delivery", "Lesgeven",
              act("Give instruction", "Instructie geven", "Lesson plans:r", "Learning materials:r", needs=False),
              act("Teach online lessons", "Online lesgeven", "Learning materials:r"),
              act("Check understanding during the lesson", "Begrip controleren tijdens de les", "Test scores:w")),
           bf("Homework and assignments", "Huiswerk en opdrachten",
              act("Set homework", "Huiswerk opgeven", "Assignments and handed-in work:w"),
              act("Hand out assignments", "Opdrachten uitzetten", "Assignments and handed-in work:w"),
              act("Collect handed-in work", "Ingeleverd werk verzamelen", "Assignments and handed-in work:rw"),
              act("Give feedback on work", "Feedback geven op werk", "Assignments and handed-in work:rw")),
           bf("Practice", "Oefenen",
              act("Practise with adaptive exercises", "Adaptief oefenen", "Learning materials:r", "Test scores:w"),
              act("Work with digital course material", "Werken met digitale methode", "Learning materials:r")),
           bf("Projects and excursions", "Projecten en excursies",
              act("Organise excursions", "Excursies organiseren", "Year calendar:r", "Documents:w", crit="low"),
              act("Run cross-curricular projects", "Vakoverstijgende projecten uitvoeren",
                  "Learning materials:r", "Documents:rw"))),
        mf("Assessment", "Toetsen en beoordelen",
           bf("Test administration", "Toetsafname",
              act("Construct tests", "Toetsen construeren", "Test items:rw"),
              act("Schedule tests", "Toetsen inplannen", "Year calendar:r", "Timetable:r"),
              act("Administer digital tests", "Digitale toetsen afnemen", "Test items:r", "Test scores:w",
                  crit="medium")),
           bf("Marking and grading", "Beoordelen",
              act("Mark tests", "Toetsen nakijken", "Test scores:rw"),
              act("Record grades", "Cijfers registreren", "Grades:w", crit="high"),
              act("Calculate report grades", "Rapportcijfers berekenen", "Grades:r", "Report cards:w")),
           bf("Examinations", "Examinering",
              act("Register exam candidates", "Examenkandidaten aanmelden", "Pupil record:r", "Exam file:w",
                  crit="high"),
              act("Administer school exams", "Schoolexamens afnemen", "Exam file:rw", "Test items:r",
                  crit="medium"),
              act("Administer digital central exams", "Digitale centrale examens afnemen",
                  "Exam file:r", "Test items:r", crit="high"),
              act("Determine exam results", "Examenuitslag bepalen", "Exam file:rw", "Grades:r", crit="high")),
           bf("Reporting", "Rapporteren",
              act("Produce report cards", "Rapporten maken", "Report cards:w", "Grades:r", crit="high"),
              act("Report results to parents and pupils", "Resultaten rapporteren aan ouders en leerlingen",
                  "Grades:r", "Progress test results:r", "Report cards:r", crit="medium"),
              act("Hold report meetings", "Rapportvergaderingen houden", "Grades:r", "Report cards:r"))),
        mf("Progress tracking", "Ontwikkeling volgen",
           bf("Progress monitoring", "Voortgang volgen",
              act("Take standardised progress tests", "Methodeonafhankelijke toetsen afnemen",
                  "Progress test results:w"),
              act("Analyse progress test results", "Toetsresultaten analyseren", "Progress test results:r"),
              act("Record observations", "Observaties vastleggen", "Mentor notes:w"),
              act("Discuss progress with the pupil", "Voortgangsgesprek voeren",
                  "Progress test results:r", "Grades:r")),
           bf("Education evaluation", "Onderwijs evalueren",
              act("Evaluate lessons and courses", "Lessen en cursussen evalueren", "Survey results:w"),
              act("Analyse group results", "Groepsresultaten analyseren", "Grades:r", "Progress test results:r"))),
        mf("Career guidance", "Loopbaanoriëntatie en -begeleiding",
           bf("Career orientation", "Loopbaanoriëntatie",
              act("Explore study and career options", "Studie- en beroepskeuze verkennen", "LOB portfolio:w"),
              act("Keep the LOB portfolio", "LOB-dossier bijhouden", "LOB portfolio:rw"),
              act("Choose a subject profile", "Profielkeuze maken", "LOB portfolio:r", "Pupil record:rw"),
              act("Hold career guidance interviews", "Loopbaangesprekken voeren", "LOB portfolio:rw"))),
    )),
    Domain("Education support", "Onderwijsondersteuning",
           "Everything around teaching: intake and exit, timetables, attendance, communication with pupils "
           "and parents, learning resources.", (
        mf("Intake", "Instroom",
           bf("Admission and enrolment", "Aanmelden en inschrijven",
              act("Handle applications for admission", "Aanmeldingen verwerken",
                  "Pupil record:w", "Transfer file:r"),
              act("Enrol a pupil", "Leerling inschrijven", "Pupil record:w", "Parent contact details:w",
                  crit="high"),
              act("Register the pupil with DUO (BRON)", "Leerling aanmelden bij DUO (BRON)", "Pupil record:r",
                  crit="high"),
              act("Receive the transfer file from the primary school", "Overdrachtsdossier ontvangen",
                  "Transfer file:r", "Care file:w", crit="medium")),
           bf("Placement", "Plaatsing",
              act("Determine the level placement", "Niveau bepalen",
                  "Transfer file:r", "Progress test results:r", "Pupil record:rw"),
              act("Assign the pupil to a class", "Leerling in klas plaatsen", "Group composition:w"))),
        mf("Exit", "Uitstroom",
           bf("Deregistration", "Uitschrijven",
              act("Deregister a pupil", "Leerling uitschrijven", "Pupil record:rw", crit="medium"),
              act("Send the transfer file to the next school", "Overdrachtsdossier verzenden",
                  "Transfer file:w", "Pupil record:r"),
              act("Issue diplomas and certificates", "Diploma's en certificaten uitreiken", "Exam file:r",
                  crit="high"),
              act("Archive pupil records", "Leerlingdossiers archiveren", "Pupil record:r", "Care file:r"))),
        mf("Organising education", "Onderwijs organiseren",
           bf("Timetabling", "Roosteren",
              act("Make the annual timetable", "Jaarrooster maken",
                  "Timetable:w", "Group composition:r", "Staff record:r", crit="high"),
              act("Publish the timetable", "Rooster publiceren", "Timetable:r", crit="medium"),
              act("Arrange substitute lessons", "Vervanging regelen", "Timetable:rw", crit="medium"),
              act("Book rooms", "Lokalen reserveren", "Timetable:rw", crit="low")),
           bf("Group formation", "Groepsindeling",
              act("Form classes and teaching groups", "Klassen en lesgroepen samenstellen",
                  "Group composition:w", "Pupil record:r", crit="medium"),
              act("Assign teachers to groups", "Docenten aan groepen koppelen",
                  "Group composition:rw", "Staff record:r")),
           bf("Year planning", "Jaarplanning",
              act("Plan the school year calendar", "Jaarkalender plannen", "Year calendar:w"),
              act("Plan test weeks", "Toetsweken plannen", "Year calendar:rw", "Timetable:r"))),
        mf("Attendance", "Verzuim",
           bf("Attendance registration", "Absentieregistratie",
              act("Register attendance", "Aanwezigheid registreren", "Attendance records:w", crit="high"),
              act("Handle sick reports from parents", "Ziekmeldingen van ouders verwerken",
                  "Attendance records:w", "Parent contact details:r", crit="medium"),
              act("Report truancy to the attendance officer", "Verzuim melden bij DUO",
                  "Attendance records:r", crit="high"),
              act("Follow up on absence", "Verzuim opvolgen", "Attendance records:r", "Mentor notes:w"))),
        mf("Communication", "Communicatie met leerlingen en ouders",
           bf("Parent and pupil communication", "Communicatie met ouders en leerlingen",
              act("Send messages to parents", "Berichten sturen aan ouders",
                  "Messages:w", "Parent contact details:r", crit="medium"),
              act("Publish news for parents", "Nieuws voor ouders publiceren", "School news:w"),
              act("Plan parent-teacher meetings", "Oudergesprekken plannen",
                  "Year calendar:r", "Parent contact details:r"),
              act("Keep parent contact details up to date", "Contactgegevens ouders bijhouden",
                  "Parent contact details:rw", crit="medium")),
           bf("Pupil information", "Informatievoorziening aan leerlingen",
              act("Show pupils their timetable and homework", "Rooster en huiswerk tonen aan leerlingen",
                  "Timetable:r", "Assignments and handed-in work:r"),
              act("Give pupils access to their results", "Leerlingen inzage geven in resultaten", "Grades:r"),
              act("Exchange messages with pupils", "Berichten uitwisselen met leerlingen", "Messages:rw"))),
        mf("Learning resources", "Leermiddelen en mediatheek",
           bf("Library", "Mediatheek",
              act("Lend library materials", "Materialen uitlenen", "Loan records:w", "Library catalogue:r"),
              act("Keep the library catalogue", "Catalogus bijhouden", "Library catalogue:rw"),
              act("Help pupils find sources", "Leerlingen helpen bronnen zoeken", "Library catalogue:r")),
           bf("Textbook provision", "Boekenfonds",
              act("Order textbooks for pupils", "Schoolboeken bestellen", "Textbook list:r", "Pupil record:r"),
              act("Hand out and collect textbooks", "Schoolboeken uitreiken en innemen",
                  "Textbook list:r", "Loan records:w"))),
    )),
    Domain("Pupil guidance and care", "Leerlingbegeleiding en -zorg",
           "Mentoring, extra support, care records and social safety for every pupil.", (
        mf("Pupil guidance", "Leerlingbegeleiding",
           bf("Mentoring", "Mentoraat",
              act("Hold mentor conversations", "Mentorgesprekken voeren", "Mentor notes:rw"),
              act("Record mentor notes", "Mentoraantekeningen vastleggen", "Mentor notes:w"),
              act("Monitor social-emotional development", "Sociaal-emotionele ontwikkeling volgen",
                  "Mentor notes:r"),
              act("Set personal learning goals", "Persoonlijke leerdoelen stellen", "Mentor notes:rw")),
           bf("Study coaching", "Studiebegeleiding",
              act("Coach study skills", "Studievaardigheden coachen",
                  "Mentor notes:rw", "Assignments and handed-in work:r"),
              act("Plan remedial support", "Remediërende ondersteuning plannen", "Mentor notes:rw", "Timetable:r"))),
        mf("Additional support", "Extra ondersteuning",
           bf("Support planning", "Ondersteuningsplanning",
              act("Identify support needs", "Ondersteuningsbehoefte vaststellen",
                  "Care file:rw", "Progress test results:r"),
              act("Draw up a development perspective plan", "Ontwikkelingsperspectiefplan opstellen",
                  "Development perspective plan:w", crit="medium"),
              act("Evaluate the support plan with parents", "Ondersteuningsplan evalueren met ouders",
                  "Development perspective plan:rw", "Parent contact details:r")),
           bf("Care team consultation", "Zorgoverleg",
              act("Prepare the care team meeting", "Zorgoverleg voorbereiden", "Care file:r"),
              act("Discuss pupils in the care team", "Leerlingbespreking in het zorgteam", "Care file:rw"),
              act("Refer a pupil to external care", "Doorverwijzen naar externe zorg",
                  "Care file:r", "Parent contact details:r")),
           bf("Arrangements and provisions", "Arrangementen en voorzieningen",
              act("Request an arrangement from the partnership", "Arrangement aanvragen bij samenwerkingsverband",
                  "Development perspective plan:r", "Care file:r"),
              act("Provide dyslexia reading support", "Dyslexieondersteuning bieden",
                  "Learning materials:r", "Care file:r"),
              act("Grant exam accommodations", "Examenfaciliteiten toekennen", "Exam file:rw", "Care file:r"))),
        mf("Care records", "Dossiervorming",
           bf("Care file", "Zorgdossier",
              act("Keep the care file", "Zorgdossier bijhouden", "Care file:rw", crit="high"),
              act("Share care information with consent", "Zorginformatie delen met toestemming",
                  "Care file:r", "Parent contact details:r"),
              act("Record incidents and concerns", "Zorgsignalen vastleggen", "Care file:w"))),
        mf("Social safety", "Sociale veiligheid",
           bf("Safety monitoring", "Sociale veiligheid monitoren",
              act("Run the safety monitor", "Veiligheidsmonitor afnemen", "Survey results:w"),
              act("Handle bullying reports", "Pestmeldingen afhandelen", "Incident reports:rw", crit="medium"),
              act("Record safety incidents", "Veiligheidsincidenten registreren", "Incident reports:w")),
           bf("Confidential counselling", "Vertrouwenspersoon",
              act("Hold confidential conversations", "Vertrouwelijke gesprekken voeren", "Complaints:rw"),
              act("Advise on complaints", "Adviseren bij klachten", "Complaints:r"),
              needs=False, doc=GOVERNANCE)),
    )),
    Domain("Operations", "Bedrijfsvoering",
           "Running the organisation: people, money, procurement, buildings, ICT, security and privacy, "
           "information management, legal affairs and PR.", (
        mf("Human resources", "Personeel",
           bf("Recruitment and selection", "Werving en selectie",
              act("Publish vacancies", "Vacatures publiceren", "Vacancies:w"),
              act("Select candidates", "Kandidaten selecteren", "Vacancies:r", "Staff record:w"),
              act("Appoint new staff", "Nieuwe medewerkers benoemen", "Staff record:w", "Payroll data:w",
                  crit="medium")),
           bf("Personnel administration", "Personeelsadministratie",
              act("Keep the staff record", "Personeelsdossier bijhouden", "Staff record:rw", crit="medium"),
              act("Register staff absence", "Ziekteverzuim registreren", "Staff absence:w", crit="medium"),
              act("Process contract changes", "Mutaties verwerken", "Staff record:rw", "Payroll data:w")),
           bf("Payroll", "Salarisadministratie",
              act("Pay salaries", "Salarissen betalen", "Payroll data:rw", crit="high"),
              act("Process expense claims", "Declaraties verwerken", "Payroll data:w"),
              act("Report to the pension fund", "Aanleveren aan het pensioenfonds", "Payroll data:r",
                  crit="medium")),
           bf("Professional development", "Professionalisering",
              act("Plan training and courses", "Scholing plannen", "Training records:w"),
              act("Keep the competence file", "Bekwaamheidsdossier bijhouden", "Training records:rw"),
              act("Hold appraisal interviews", "Gesprekkencyclus voeren", "Staff record:rw", "Training records:r"))),
        mf("Finance", "Financiën",
           bf("Budgeting", "Begroten",
              act("Draw up the budget", "Begroting opstellen", "Budget:w", "Staff record:r", crit="medium"),
              act("Draw up the multi-year forecast", "Meerjarenbegroting opstellen", "Budget:rw")),
           bf("Financial administration", "Financiële administratie",
              act("Process purchase invoices", "Inkoopfacturen verwerken", "Invoices:rw", "Financial ledger:w",
                  crit="medium"),
              act("Send invoices", "Facturen versturen", "Invoices:w"),
              act("Close the books", "Jaarafsluiting uitvoeren", "Financial ledger:rw", crit="medium"),
              act("Report on finances to the board", "Financieel rapporteren aan het bestuur",
                  "Financial ledger:r", "Management reports:w")),
           bf("Parental contributions", "Ouderbijdragen",
              act("Collect the voluntary parental contribution", "Vrijwillige ouderbijdrage innen",
                  "Payments:w", "Parent contact details:r"),
              act("Collect payments for trips and activities", "Betalingen voor reizen en activiteiten innen",
                  "Payments:w"),
              act("Send payment reminders", "Betalingsherinneringen sturen",
                  "Payments:r", "Parent contact details:r"))),
        mf("Procurement", "Inkoop",
           bf("Purchasing", "Inkopen",
              act("Order goods and services", "Goederen en diensten bestellen", "Invoices:r", "Contracts:r"),
              act("Run tenders", "Aanbestedingen uitvoeren", "Contracts:w"),
              act("Manage contracts", "Contracten beheren", "Contracts:rw", crit="medium"))),
        mf("Facilities", "Facilitair beheer",
           bf("Housing", "Huisvesting",
              act("Draw up the accommodation plan", "Integraal huisvestingsplan opstellen", "Policy documents:w"),
              act("Consult the municipality on housing", "Overleggen met de gemeente over huisvesting",
                  "Policy documents:r"),
              needs=False, doc=GOVERNANCE),
           bf("Facility services", "Facilitaire dienstverlening",
              act("Report and handle facility faults", "Storingen melden en afhandelen", "Facility reports:rw"),
              act("Manage keys and access passes", "Sleutels en toegangspassen beheren", "Facility reports:rw"),
              act("Organise cleaning", "Schoonmaak organiseren", "Contracts:r", "Facility reports:r"))),
        mf("ICT management", "ICT-beheer",
           bf("ICT service management", "ICT-servicemanagement",
              act("Register and resolve ICT incidents", "ICT-storingen registreren en oplossen", "ICT tickets:rw",
                  crit="medium"),
              act("Handle ICT change requests", "Wijzigingsverzoeken afhandelen", "ICT tickets:rw"),
              act("Keep the ICT asset inventory", "ICT-middelen registreren", "ICT assets:rw")),
           bf("Identity and access management", "Identiteiten en toegang",
              act("Create and remove user accounts", "Accounts aanmaken en verwijderen",
                  "User accounts:w", "Pupil record:r", "Staff record:r", crit="high"),
              act("Manage access rights", "Toegangsrechten beheren", "User accounts:rw", crit="medium"),
              act("Log in to learning materials with single sign-on", "Inloggen op leermiddelen met single sign-on",
                  "User accounts:r")),
           bf("Device management", "Apparaatbeheer",
              act("Manage pupil and staff devices", "Laptops en tablets beheren", "ICT assets:rw"),
              act("Manage printing", "Printvoorzieningen beheren", "ICT assets:r", crit="low")),
           bf("Application integration", "Koppelingen",
              act("Exchange data between applications", "Gegevens uitwisselen tussen applicaties",
                  "Pupil record:r", "Group composition:r"),
              act("Monitor data exchanges", "Koppelingen bewaken", "ICT tickets:w"))),
        mf("Security and privacy", "Informatiebeveiliging en privacy",
           bf("Privacy management", "Privacybeheer",
              act("Keep the register of processing activities", "Verwerkingsregister bijhouden",
                  "Register of processing activities:rw"),
              act("Handle data subject requests", "Verzoeken van betrokkenen afhandelen",
                  "Pupil record:r", "ICT tickets:w"),
              act("Report data breaches", "Datalekken melden", "ICT tickets:w", crit="medium"),
              act("Sign processing agreements", "Verwerkersovereenkomsten afsluiten", "Contracts:rw")),
           bf("Security policy", "Informatiebeveiligingsbeleid",
              act("Set the information security policy", "Beveiligingsbeleid vaststellen", "Policy documents:w"),
              act("Run awareness campaigns", "Bewustwordingscampagnes uitvoeren", "Policy documents:r"),
              needs=False, doc=GOVERNANCE)),
        mf("Information management", "Informatiemanagement",
           bf("Document management", "Documentbeheer",
              act("Store and share documents", "Documenten opslaan en delen", "Documents:rw"),
              act("Archive records according to retention periods", "Archiveren volgens bewaartermijnen",
                  "Documents:rw")),
           bf("Management information", "Managementinformatie",
              act("Produce management reports", "Managementrapportages maken",
                  "Management reports:w", "Grades:r", "Financial ledger:r"),
              act("Supply data to DUO and the inspectorate", "Gegevens leveren aan DUO en inspectie",
                  "Pupil record:r", "Exam file:r", crit="medium"))),
        mf("Legal affairs and communication", "Juridische zaken en communicatie",
           bf("Legal affairs", "Juridische zaken",
              act("Handle legal disputes", "Juridische geschillen behandelen", "Complaints:r", "Contracts:r"),
              act("Handle formal complaints", "Klachten behandelen", "Complaints:rw"),
              needs=False, doc=GOVERNANCE),
           bf("Public relations", "PR en marketing",
              act("Publish news on the school website", "Nieuws publiceren op de website", "School news:w"),
              act("Organise open days", "Open dagen organiseren", "Year calendar:r", needs=False),
              act("Publish school performance data", "Schoolprestaties publiceren", "Quality data:r"))),
    )),
    Domain("General", "Algemeen",
           "What surrounds the school: collaboration with partners, parent involvement, accessibility, "
           "childcare and extended school days.", (
        mf("Collaboration", "Samenwerking",
           bf("Chain partner collaboration", "Samenwerking met ketenpartners",
              act("Consult the education partnership", "Overleggen met het samenwerkingsverband",
                  "Policy documents:r"),
              act("Meet youth care partners", "Overleggen met jeugdzorgpartners", "Care file:r"),
              needs=False, doc=GOVERNANCE),
           bf("Team communication", "Teamcommunicatie",
              act("Communicate with colleagues", "Communiceren met collega's", "Messages:rw"),
              act("Share staff news on the intranet", "Personeelsnieuws delen via intranet", "Staff news:w",
                  crit="low"))),
        mf("Parent involvement", "Ouderbetrokkenheid",
           bf("Parent council", "Ouderraad",
              act("Hold parent council meetings", "Ouderraadvergaderingen houden", "Governance records:rw"),
              act("Organise parent information evenings", "Informatieavonden organiseren", "Year calendar:r"),
              needs=False, doc=GOVERNANCE)),
        mf("Accessibility and inclusion", "Toegankelijkheid",
           bf("Accessibility checks", "Toegankelijkheid borgen",
              act("Assess building accessibility", "Toegankelijkheid van het gebouw beoordelen",
                  "Policy documents:r"),
              act("Check digital accessibility", "Digitale toegankelijkheid toetsen", "Policy documents:rw"),
              needs=False, doc=GOVERNANCE)),
        mf("Childcare", "Kinderopvang",
           bf("Extended school day", "Brede school en naschoolse opvang",
              act("Coordinate with childcare and after-school providers",
                  "Afstemmen met opvang en naschoolse aanbieders", "Policy documents:r"),
              needs=False, doc=GOVERNANCE)),
    )),
)
"""The process tree, domain by domain."""

INFORMATION: tuple[Information, ...] = (
    Information("Pupil record", "Leerlinggegevens", True, "confidential",
                "Identity, address, enrolment and programme of each pupil."),
    Information("Parent contact details", "Contactgegevens ouders en verzorgers", True, "confidential",
                "Names, addresses, phone numbers and e-mail addresses of parents and carers."),
    Information("Group composition", "Groepsindeling", True, "internal",
                "Which pupils sit in which class or teaching group, and who teaches it."),
    Information("Timetable", "Rooster", False, "internal",
                "Lessons per group, teacher and room, with changes and room bookings."),
    Information("Year calendar", "Jaarplanning", False, "public",
                "The school year's holidays, test weeks, meetings and events."),
    Information("Attendance records", "Absentiegegevens", True, "confidential",
                "Presence, lateness, sickness and truancy per pupil per lesson."),
    Information("Grades", "Cijfers", True, "confidential", "Marks for tests and assignments, with weights."),
    Information("Report cards", "Rapporten", True, "confidential",
                "Period reports with averaged grades and remarks."),
    Information("Test items", "Toetsen en toetsvragen", False, "internal",
                "Test questions, answer models and test versions."),
    Information("Test scores", "Toetsscores", True, "confidential", "Raw scores and answers per pupil per test."),
    Information("Progress test results", "Toetsresultaten leerlingvolgsysteem", True, "confidential",
                "Results of standardised progress tests, comparable over years."),
    Information("Exam file", "Examendossier", True, "confidential",
                "A candidate's school exam results, exam registration and final results."),
    Information("Testing and completion programme", "Programma van toetsing en afsluiting", False, "public",
                "Which school exam tests a pupil takes, when, and how they count."),
    Information("Curriculum", "Leerlijnen en leerdoelen", False, "public",
                "Learning objectives and learning lines per subject and year."),
    Information("Lesson plans", "Lesplanning", False, "internal", "Lesson series and lesson preparations."),
    Information("Learning materials", "Leermiddelen", False, "public",
                "Digital and printed course material, own and published."),
    Information("Assignments and handed-in work", "Opdrachten en ingeleverd werk", True, "internal",
                "Homework, assignments and the work pupils hand in, with feedback."),
    Information("Transfer file", "Onderwijskundig rapport", True, "confidential",
                "The file a school sends when a pupil moves to another school."),
    Information("LOB portfolio", "LOB-dossier", True, "confidential",
                "A pupil's career orientation activities, reflections and choices."),
    Information("Mentor notes", "Begeleidingsaantekeningen", True, "confidential",
                "Notes of mentor conversations, observations and agreements."),
    Information("Care file", "Zorgdossier", True, "special",
                "Support needs, diagnoses, care history and consultations of a pupil."),
    Information("Development perspective plan", "Ontwikkelingsperspectiefplan", True, "special",
                "The plan for a pupil who needs extra support: expected outcome and approach."),
    Information("Incident reports", "Incidentenregistratie", True, "confidential",
                "Reports of bullying, violence and other safety incidents."),
    Information("Messages", "Berichten", True, "internal", "Messages between staff, pupils and parents."),
    Information("School news", "Nieuwsberichten", False, "public", "News for parents and the public."),
    Information("Staff news", "Personeelsnieuws", False, "internal", "News and announcements for staff."),
    Information("Library catalogue", "Mediatheekcatalogus", False, "public", "The library's holdings."),
    Information("Loan records", "Uitleenregistratie", True, "internal",
                "Who borrowed which book or device, and until when."),
    Information("Textbook list", "Boekenlijst", False, "public", "The books and licences per year and stream."),
    Information("Survey results", "Enquêteresultaten", False, "internal",
                "Answers and scores of satisfaction and safety surveys."),
    Information("Quality data", "Kwaliteitsgegevens", False, "internal",
                "Indicators, self-evaluations and analyses of educational quality."),
    Information("School plan", "Schoolplan", False, "public", "The four-year school plan and its yearly goals."),
    Information("Policy documents", "Beleidsdocumenten", False, "internal", "Policies, visions and plans."),
    Information("Governance records", "Bestuursstukken", False, "internal",
                "Agendas, minutes and decisions of board, supervisory and participation bodies."),
    Information("Annual report", "Jaarverslag", False, "public", "The yearly account of policy and finances."),
    Information("Staff record", "Personeelsdossier", True, "confidential",
                "Employment, contract, position and qualifications of each staff member."),
    Information("Payroll data", "Salarisgegevens", True, "confidential", "Salaries, allowances and deductions."),
    Information("Staff absence", "Verzuimgegevens personeel", True, "special",
                "Sickness reports and reintegration of staff."),
    Information("Vacancies", "Vacatures", False, "public", "Open positions and their profiles."),
    Information("Training records", "Bekwaamheidsdossier", True, "confidential",
                "Courses, certificates and development agreements of staff."),
    Information("Budget", "Begroting", False, "internal", "The yearly budget and the multi-year forecast."),
    Information("Financial ledger", "Financiële administratie", False, "confidential",
                "General ledger, accounts payable and receivable."),
    Information("Invoices", "Facturen", True, "internal", "Incoming and outgoing invoices."),
    Information("Payments", "Betalingen", True, "confidential",
                "Payments by parents for contributions, trips and activities."),
    Information("Contracts", "Contracten", False, "confidential", "Contracts with suppliers and partners."),
    Information("Facility reports", "Facilitaire meldingen", False, "internal",
                "Faults, requests and keys in the buildings."),
    Information("ICT tickets", "ICT-meldingen", True, "internal", "Incidents, requests and changes for ICT."),
    Information("ICT assets", "ICT-middelen", False, "internal", "Devices, licences and their owners."),
    Information("User accounts", "Accounts en autorisaties", True, "confidential",
                "Accounts of pupils and staff and the rights they have."),
    Information("Register of processing activities", "Verwerkingsregister", False, "internal",
                "The GDPR register of what personal data is processed, why and by whom."),
    Information("Documents", "Documenten", True, "internal", "Working documents, files and archives."),
    Information("Management reports", "Managementinformatie", False, "internal",
                "Figures and dashboards for management and the board."),
    Information("Complaints", "Klachten", True, "confidential", "Complaints and their handling."),
)
"""The information objects, with privacy weight."""

SYSTEM_TYPES: tuple[SystemType, ...] = (
    SystemType("LAS", "Pupil administration system", "Leerlingadministratiesysteem",
               "Keeps who the pupils are, their groups, attendance, grades and exams.", "LAS"),
    SystemType("LVS", "Pupil progress tracking system", "Leerlingvolgsysteem",
               "Follows each pupil's development over the years, mostly through standardised tests.", "LVS"),
    SystemType("LMS", "Learning management system", "Learning management system",
               "Where teachers publish courses and assignments and pupils hand in work.", "LMS"),
    SystemType("ELO", "Learning portal", "Elektronische leeromgeving",
               "The pupil's window on timetable, homework, results and materials.", "ELO"),
    SystemType("ROOSTER", "Timetabling system", "Roostersysteem",
               "Builds and maintains timetables, substitutions and room bookings."),
    SystemType("TOETS", "Testing system", "Toetssysteem", "Constructs, administers and marks tests."),
    SystemType("EDU", "Educational content application", "Educatieve applicatie",
               "Digital course material and practice software, usually from a publisher."),
    SystemType("MEDIA", "Library management system", "Mediatheekbeheersysteem",
               "Catalogue and lending of the school library."),
    SystemType("LOB", "Career guidance system", "LOB-systeem",
               "Supports career orientation, portfolios and study choices.", "LOB"),
    SystemType("ZORG", "Care records system", "Zorgadministratiesysteem",
               "Keeps care files, support plans and care consultations."),
    SystemType("OBS", "Coaching system", "Onderwijsbegeleidingssysteem",
               "Supports mentors and coaches: conversations, goals, social-emotional development."),
    SystemType("OVERDRACHT", "Pupil file transfer facility", "Overdrachtvoorziening",
               "Sends and receives pupil files between schools (OSO)."),
    SystemType("OUDER", "Parent portal", "Ouderportaal",
               "Gives parents information, appointments and a way to report absence."),
    SystemType("TEAM", "Staff communication system", "Teamcommunicatiesysteem",
               "Chat, calls and shared channels for staff."),
    SystemType("INTRANET", "Intranet", "Intranet", "Internal pages and news for staff."),
    SystemType("OFFICE", "Office suite", "Office suite", "Word processing, spreadsheets, presentations, mail."),
    SystemType("CLOUD", "Cloud storage system", "Cloudopslagsysteem", "Stores and shares files."),
    SystemType("KWAL", "Quality management system", "Kwaliteitsbeheersysteem",
               "Supports the quality cycle: indicators, self-evaluation, registers."),
    SystemType("SCHOOLPLAN", "School plan management system", "Schoolplanbeheersysteem",
               "Keeps the school plan, its goals and their progress."),
    SystemType("ENQ", "Survey system", "Enquêtesysteem", "Builds, sends and analyses questionnaires."),
    SystemType("PERS", "HR and payroll system", "Personeelsysteem",
               "Staff administration, payroll, recruitment and development."),
    SystemType("FIN", "Finance system", "Financieel systeem", "Ledger, budgeting, invoices and reports."),
    SystemType("BETAAL", "Payment system", "Betaalsysteem", "Collects payments from parents."),
    SystemType("INKOOP", "Procurement system", "Inkoopsysteem", "Orders, tenders and contract management."),
    SystemType("SM", "ICT service management system", "Servicemanagementsysteem",
               "Registers incidents, requests, changes and assets."),
    SystemType("IDM", "Identity management system", "Identiteitbeheersysteem",
               "Creates, changes and removes accounts and rights."),
    SystemType("AUTHN", "Single sign-on system", "Authenticatiesysteem",
               "Lets users log in once for many applications and publishers."),
    SystemType("INTEGR", "Integration system", "Integratiesysteem", "Moves data between applications."),
)
"""The core system types (FORA reference components)."""

FUNCTIONS: tuple[AppFunction, ...] = (
    AppFunction("Pupil administration", "Leerlingadministratie", ("LAS",), (
        "Handle applications for admission", "Enrol a pupil", "Register the pupil with DUO (BRON)",
        "Determine the level placement", "Deregister a pupil", "Archive pupil records",
        "Keep parent contact details up to date", "Supply data to DUO and the inspectorate"),
        "Registers pupils and their parents from application to archive."),
    AppFunction("Group management", "Groepenbeheer", ("LAS", "LMS", "ROOSTER", "TOETS"), (
        "Form classes and teaching groups", "Assign the pupil to a class"),
        "Keeps classes and teaching groups and who belongs to them."),
    AppFunction("Messaging", "Berichtenverkeer", ("LAS", "LMS", "OUDER", "TEAM"), (
        "Exchange messages with pupils",),
        "Sends and receives messages between staff and pupils: general messaging that many system types have."),
    AppFunction("Parent messaging", "Berichten aan ouders", ("LAS", "OUDER"), ("Send messages to parents",),
                "Sends messages to the parents and carers of a pupil, a class or a year, from their registered "
                "contact details."),
    AppFunction("Attendance registration", "Absentieregistratie", ("LAS",), ("Attendance registration",),
                "Registers presence and absence per lesson and reports truancy."),
    AppFunction("Grade registration", "Cijferregistratie", ("LAS",), ("Record grades",),
                "Records the marks that count, with their weights, in the pupil's grade list."),
    AppFunction("Report card production", "Rapportage", ("LAS",), ("Reporting", "Calculate report grades"),
                "Calculates period grades and prints report cards."),
    AppFunction("Results reporting", "Resultaten rapporteren", ("LAS", "LVS", "TOETS"), (
        "Report results to parents and pupils",),
        "Shows results to pupils and parents."),
    AppFunction("Exam administration", "Examenadministratie", ("LAS",), (
        "Testing programme", "Register exam candidates", "Determine exam results",
        "Issue diplomas and certificates", "Grant exam accommodations"),
        "Keeps the exam file from PTA to diploma."),
    AppFunction("Homework planning", "Huiswerkplanning", ("LAS", "LMS", "ELO"), ("Set homework",),
                "Lets teachers set homework per lesson."),
    AppFunction("Subject choice registration", "Vakkenpakketregistratie", ("LAS",), ("Choose a subject profile",),
                "Registers the subjects and profile a pupil chooses."),
    AppFunction("Mentor logbook", "Logboek", ("LAS",), ("Record mentor notes",),
                "A logbook of notes about a pupil, shared with colleagues."),
    AppFunction("Incident registration", "Incidentregistratie", ("LAS", "ZORG"), (
        "Handle bullying reports", "Record safety incidents"),
        "Registers safety incidents and how they were followed up."),
    AppFunction("Management reporting", "Managementrapportage", ("LAS", "FIN"), ("Produce management reports",),
                "Produces figures and dashboards for management."),
    AppFunction("Standardised progress testing", "Methodeonafhankelijk toetsen", ("LVS",), (
        "Take standardised progress tests",),
        "Administers standardised tests that compare over years and schools."),
    AppFunction("Progress analysis", "Voortgangsanalyse", ("LVS",), ("Progress monitoring", "Analyse group results"),
                "Analyses the development of pupils and groups."),
    AppFunction("Observation recording", "Observaties vastleggen", ("LVS", "OBS"), (
        "Record observations", "Monitor social-emotional development"),
        "Records observations of learning and social-emotional development."),
    AppFunction("Learning line management", "Leerlijnbeheer", ("LMS",), ("Curriculum development",),
                "Keeps learning objectives and learning lines."),
    AppFunction("Learning path planning", "Leerroutes plannen", ("LMS",), ("Lesson planning",),
                "Plans lesson series and differentiated routes."),
    AppFunction("Content publishing", "Lesmateriaal aanbieden", ("LMS", "EDU"), (
        "Make digital learning materials available",),
        "Offers digital learning material to pupils."),
    AppFunction("Assignment handling", "Opdrachtenbeheer", ("LMS", "ELO"), (
        "Hand out assignments", "Collect handed-in work"),
        "Hands out assignments and collects the work pupils hand in."),
    AppFunction("Feedback on work", "Feedback geven", ("LMS",), ("Give feedback on work",),
                "Lets teachers annotate and comment on handed-in work."),
    AppFunction("Online lessons", "Online lesgeven", ("LMS", "TEAM"), ("Teach online lessons",),
                "Virtual classrooms with video, chat and shared screens."),
    AppFunction("Pupil portal", "Leerlingportaal", ("ELO",), ("Pupil information",),
                "Shows pupils their timetable, homework and results in one place."),
    AppFunction("Timetable construction", "Roosterconstructie", ("ROOSTER",), (
        "Timetabling", "Assign teachers to groups"),
        "Builds the timetable from groups, teachers and rooms."),
    AppFunction("Timetable publication", "Roosterpublicatie", ("ROOSTER", "ELO"), ("Publish the timetable",),
                "Publishes the timetable and its changes."),
    AppFunction("Calendar management", "Agendabeheer", ("ROOSTER", "OFFICE"), ("Plan the school year calendar",),
                "Keeps shared calendars and the year planning."),
    AppFunction("Test planning", "Toetsplanning", ("ROOSTER", "TOETS"), ("Schedule tests", "Plan test weeks"),
                "Plans tests and test weeks without clashes."),
    AppFunction("Test construction", "Toetsconstructie", ("TOETS",), ("Construct tests",),
                "Builds tests from item banks."),
    AppFunction("Test administration", "Toetsafname", ("TOETS",), (
        "Administer digital tests", "Administer school exams", "Mark tests"),
        "Administers tests securely and marks them."),
    AppFunction("Adaptive practice", "Adaptief oefenen", ("EDU",), ("Practice",),
                "Practice material that adapts to the pupil's level."),
    AppFunction("Library management", "Mediatheekbeheer", ("MEDIA",), ("Library", "Hand out and collect textbooks"),
                "Catalogues holdings and registers loans."),
    AppFunction("Career orientation", "Loopbaanoriëntatie", ("LOB",), ("Career orientation",),
                "Tests, portfolios and information for study and career choices."),
    AppFunction("Care file management", "Zorgdossierbeheer", ("ZORG",), ("Care file", "Care team consultation"),
                "Keeps the care file and prepares care consultations."),
    AppFunction("Support planning", "Ondersteuningsplanning", ("ZORG",), (
        "Support planning", "Request an arrangement from the partnership"),
        "Draws up support plans and requests arrangements."),
    AppFunction("Coaching", "Coaching en begeleiding", ("OBS",), ("Mentoring", "Study coaching"),
                "Supports mentor conversations, goals and coaching."),
    AppFunction("Pupil file transfer", "Overdracht leerlingdossier", ("OVERDRACHT",), (
        "Receive the transfer file from the primary school", "Send the transfer file to the next school"),
        "Exchanges pupil files between schools."),
    AppFunction("Parent information and appointments", "Ouderinformatie en afspraken", ("OUDER",), (
        "Publish news for parents", "Plan parent-teacher meetings"),
        "Informs parents and lets them book meetings."),
    AppFunction("Absence reporting by parents", "Ziekmelden door ouders", ("OUDER",), (
        "Handle sick reports from parents",),
        "Lets parents report their child sick."),
    AppFunction("Team collaboration", "Samenwerken", ("TEAM", "INTRANET"), ("Communicate with colleagues",),
                "Shared channels and pages for staff."),
    AppFunction("Staff information", "Interne informatievoorziening", ("INTRANET",), (
        "Share staff news on the intranet",),
        "Publishes news and pages for staff."),
    AppFunction("Document authoring", "Documenten opstellen", ("OFFICE",), (
        "Annual reporting", "Write the school plan", "Create own learning materials", "Organise excursions"),
        "Writing documents, spreadsheets and presentations."),
    AppFunction("File storage and sharing", "Bestandsopslag en delen", ("CLOUD",), (
        "Document management", "Run cross-curricular projects"),
        "Stores files and shares them with others."),
    AppFunction("Quality cycle management", "Kwaliteitscyclus", ("KWAL",), (
        "Quality monitoring", "Keep the register of processing activities"),
        "Supports self-evaluation, quality indicators and the registers that go with them."),
    AppFunction("School plan management", "Schoolplanbeheer", ("SCHOOLPLAN",), ("School plan",),
                "Keeps the school plan, its goals and progress."),
    AppFunction("Satisfaction surveys", "Tevredenheidspeiling", ("ENQ", "KWAL"), ("Satisfaction surveys",),
                "Standard satisfaction surveys with benchmarks."),
    AppFunction("Questionnaires", "Vragenlijsten", ("ENQ",), (
        "Evaluate lessons and courses", "Run the safety monitor"),
        "Free questionnaires and the safety monitor."),
    AppFunction("Personnel administration", "Personeelsadministratie", ("PERS",), (
        "Recruitment and selection", "Personnel administration", "Professional development"),
        "Keeps staff records from vacancy to development."),
    AppFunction("Payroll", "Salarisverwerking", ("PERS",), ("Payroll",),
                "Calculates and pays salaries and reports to the pension fund."),
    AppFunction("Formation planning", "Formatieplanning", ("PERS",), ("Formation planning",),
                "Plans staff formation and teaching tasks against the budget."),
    AppFunction("Financial management", "Financieel beheer", ("FIN",), ("Budgeting", "Financial administration"),
                "Ledger, invoices, budgets and financial reports."),
    AppFunction("Payment collection", "Betalingen innen", ("BETAAL",), ("Parental contributions",),
                "Sends payment requests to parents and tracks payments."),
    AppFunction("Purchasing", "Bestellen", ("INKOOP", "FIN"), (
        "Order goods and services", "Order textbooks for pupils"),
        "Orders goods and services and matches them to invoices."),
    AppFunction("Contract management", "Contractbeheer", ("INKOOP",), (
        "Run tenders", "Manage contracts", "Sign processing agreements"),
        "Keeps contracts, tenders and processing agreements."),
    AppFunction("Incident and change management", "Incident- en wijzigingsbeheer", ("SM",), (
        "ICT service management", "Handle data subject requests", "Report data breaches"),
        "Registers and follows up incidents, requests and changes."),
    AppFunction("Identity lifecycle management", "Identiteitenbeheer", ("IDM",), (
        "Create and remove user accounts", "Manage access rights"),
        "Creates, changes and removes accounts from the source registrations."),
    AppFunction("Single sign-on", "Single sign-on", ("AUTHN", "IDM"), (
        "Log in to learning materials with single sign-on",),
        "One login for school applications and publishers' material."),
    AppFunction("Data exchange", "Gegevensuitwisseling", ("INTEGR",), ("Application integration",),
                "Moves data between applications on standard interfaces."),
)
"""Application functions: which system types they belong to and what they support."""

TYPE_SUPPORTS: tuple[tuple[str, str], ...] = (
    ("OVERDRACHT", "Receive the transfer file from the primary school"),
)
"""Support attached to a system type directly rather than through one of its functions."""
