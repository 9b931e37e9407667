"""The content of the sample school, as plain tables: goals, applications and the flows between them.

De Regenboog is fictitious; its products are real ones that Dutch secondary schools use. Costs are
realistic yearly figures for a school of about 1,100 pupils and 110 staff, not quotes. Element
names refer to the reference model (:mod:`data.build.reference_tables`) and to each other.
The deliberate problems are listed in ``data/sample-school-expected.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .reference_tables import parse_accesses

__all__ = ["APPLICATIONS", "FLOWS", "GOALS", "SCHOOL_DOCUMENTATION", "SCHOOL_NAME", "Application", "Flow", "Goal"]

SCHOOL_NAME = "De Regenboog — sample secondary school"
SCHOOL_DOCUMENTATION = (
    "A fictitious school for secondary education (vmbo-t, havo, vwo) with about 1,100 pupils and 110 staff, "
    "built on the FORA-style reference model. Its products are real; its figures are realistic but invented. "
    "It contains deliberate problems (duplicated support, gaps, an orphan, double data entry) that "
    "data/sample-school-expected.json lists."
)


@dataclass(frozen=True)
class Goal:
    """A school goal and the processes or activities that contribute to it."""

    name: str
    documentation: str
    contributors: tuple[str, ...]


@dataclass(frozen=True)
class Application:
    """A product the school uses, with the system types it realizes and its direct links."""

    name: str
    documentation: str
    attributes: dict[str, Any]
    realizes: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    accesses: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Flow:
    """Data that one application sends to another; ``carries`` names the information (empty: all)."""

    source: str
    target: str
    name: str
    carries: tuple[str, ...] = ()


GOALS: tuple[Goal, ...] = (
    Goal("Every pupil learns at their own level",
         "Teaching, practice and support adapt to what each pupil needs.",
         ("Teaching", "Progress monitoring", "Support planning")),
    Goal("A safe and caring school",
         "Pupils and staff feel safe; problems are seen early and followed up.",
         ("Social safety", "Care file", "Mentoring")),
    Goal("Parents as partners",
         "Parents are informed in time and involved in their child's progress.",
         ("Parent and pupil communication", "Reporting", "Parent council")),
    Goal("Sound and compliant operations",
         "Money, people, ICT and privacy are managed reliably and within the law.",
         ("Finance", "Human resources", "ICT management", "Security and privacy")),
    Goal("Professional, growing staff",
         "Teachers and support staff keep developing and share what they learn.",
         ("Professional development", "Team leadership")),
    Goal("Well-informed study and career choices",
         "Every pupil chooses a profile and follow-up education on good grounds.",
         ("Career orientation", "Choose a subject profile")),
)


def _app(
    name: str,
    vendor: str,
    documentation: str,
    *,
    cost: float,
    exit_cost: float,
    lifecycle: str = "active",
    fit: tuple[int, int] | None = None,
    criticality: str = "medium",
    contract_end: str,
    notice: int,
    hosting: str = "saas",
    location: str = "NL",
    personal: bool = True,
    dpa: bool | None = True,
    realizes: tuple[str, ...] = (),
    supports: tuple[str, ...] = (),
    functions: tuple[str, ...] = (),
    accesses: tuple[str, ...] = (),
) -> Application:
    attributes: dict[str, Any] = {
        "vendor": vendor,
        "annual_cost": cost,
        "exit_cost": exit_cost,
        "lifecycle": lifecycle,
    }
    if fit is not None:
        attributes["functional_fit"], attributes["technical_fit"] = fit
    attributes.update({
        "criticality": criticality,
        "contract_end": contract_end,
        "notice_months": notice,
        "hosting": hosting,
        "data_location": location,
        "processes_personal_data": personal,
    })
    if dpa is not None:
        attributes["dpa_signed"] = dpa
    return Application(name, documentation, attributes, realizes, supports, functions, parse_accesses(accesses))


APPLICATIONS: tuple[Application, ...] = (
    _app("Magister", "Iddink Group (Schoolmaster)",
         "The school's pupil administration suite: administration, exams, learning portal and parent app.",
         cost=27500, exit_cost=45000, fit=(3, 3), criticality="high", contract_end="2028-07-31", notice=6,
         realizes=("LAS", "OUDER", "ELO"),
         supports=("Register the pupil with DUO (BRON)",),
         functions=("Absence reporting by parents",),
         accesses=("Pupil record:rw", "Parent contact details:rw", "Grades:rw", "Report cards:w",
                   "Attendance records:w", "Exam file:rw", "Group composition:w", "Timetable:r",
                   "Transfer file:r")),
    _app("Zermelo", "Zermelo Software",
         "Timetabling, substitutions and room bookings.",
         cost=8900, exit_cost=12000, fit=(4, 3), criticality="high", contract_end="2027-07-31", notice=3,
         realizes=("ROOSTER",), accesses=("Timetable:rw", "Group composition:r")),
    _app("itslearning", "itslearning (Sanoma Learning)",
         "The learning management system for courses, assignments and feedback; assignment marks go to Magister.",
         cost=19800, exit_cost=25000, fit=(3, 4), criticality="high", contract_end="2027-12-31", notice=6,
         location="EU", realizes=("LMS",),
         accesses=("Assignments and handed-in work:rw", "Grades:w", "Learning materials:r")),
    _app("Google Classroom", "Google",
         "Still used by the science department to collect work and keep its marks; that work belongs in "
         "itslearning and the marks in Magister.",
         cost=0, exit_cost=4000, lifecycle="phase-out", fit=(2, 3), contract_end="2026-12-31", notice=1,
         location="outside EU", supports=("Collect handed-in work", "Record grades"),
         accesses=("Learning materials:r",)),
    _app("Microsoft Teams", "Microsoft",
         "Staff chat, meetings and online lessons; licensed within Microsoft 365.",
         cost=0, exit_cost=6000, fit=(3, 4), contract_end="2028-08-31", notice=3, location="EU",
         realizes=("TEAM",), accesses=("Messages:rw",)),
    _app("Social Schools", "Social Schools",
         "Parent app with news, messages, a meeting planner and sick reports; the lower years adopted it "
         "before the Magister app did the same.",
         cost=4650, exit_cost=1500, fit=(3, 3), contract_end="2027-07-31", notice=3,
         realizes=("OUDER",), accesses=("Parent contact details:r", "Pupil record:r")),
    _app("Klasbord Ouderapp", "Klasbord",
         "Class messages and photos to parents; a few mentors of the lower years use it for their own classes.",
         cost=1100, exit_cost=0, fit=(2, 3), criticality="low", contract_end="2026-08-31", notice=1,
         supports=("Send messages to parents",), accesses=("Parent contact details:r",)),
    _app("Microsoft 365", "Microsoft",
         "Office applications, mail and OneDrive for staff and pupils (A3 licences for staff).",
         cost=14200, exit_cost=30000, fit=(4, 4), criticality="high", contract_end="2028-08-31", notice=3,
         location="EU", realizes=("OFFICE", "CLOUD"), accesses=("Documents:rw",)),
    _app("SharePoint 2016 intranet", "Microsoft",
         "The on-premise staff intranet; out of support, no successor chosen yet.",
         cost=3600, exit_cost=5000, lifecycle="end-of-life", fit=(2, 1), criticality="low",
         contract_end="2026-12-31", notice=3, hosting="on-premise", realizes=("INTRANET",),
         accesses=("Staff news:w",)),
    _app("Cito Volgsysteem VO", "Cito",
         "Standardised progress tests in years 1 to 3.",
         cost=6400, exit_cost=3000, fit=(3, 2), contract_end="2027-07-31", notice=3,
         realizes=("LVS",), accesses=("Progress test results:w", "Pupil record:r")),
    _app("Boom LVS", "Boom Voortgezet Onderwijs",
         "Being evaluated as the successor of the Cito tests from school year 2027-2028.",
         cost=5800, exit_cost=0, lifecycle="plan", contract_end="2029-07-31", notice=3, realizes=("LVS",)),
    _app("Wintoets", "Cito",
         "Test construction and secure digital testing, also for school exams.",
         cost=7200, exit_cost=6000, fit=(2, 2), contract_end="2027-07-31", notice=3,
         realizes=("TOETS",), accesses=("Test items:rw", "Test scores:w")),
    _app("Facet", "Cito / College voor Toetsen en Examens",
         "The national platform for digital central exams; provided free of charge.",
         cost=0, exit_cost=0, fit=(3, 3), criticality="high", contract_end="2029-07-31", notice=0,
         supports=("Administer digital central exams",), accesses=("Exam file:r", "Test items:r")),
    _app("Intergrip", "Intergrip",
         "Transfer of pupil files from primary schools and to follow-up education.",
         cost=1650, exit_cost=1000, fit=(3, 3), contract_end="2027-07-31", notice=3,
         realizes=("OVERDRACHT",), accesses=("Transfer file:rw",)),
    _app("Onderwijs Transparant", "Onderwijs Transparant",
         "Care files, support plans and arrangement requests to the partnership.",
         cost=2400, exit_cost=3500, fit=(3, 3), contract_end="2027-12-31", notice=3,
         realizes=("ZORG",), accesses=("Care file:rw", "Development perspective plan:w")),
    _app("Zien! VO", "ParnasSys",
         "Mentor conversations and social-emotional monitoring; being introduced year by year.",
         cost=2900, exit_cost=1500, lifecycle="phase-in", contract_end="2028-07-31", notice=3,
         realizes=("OBS",), accesses=("Mentor notes:w",)),
    _app("Qompas", "Qompas",
         "Career orientation, LOB portfolio and study choice tests.",
         cost=4800, exit_cost=1500, fit=(3, 3), contract_end="2027-07-31", notice=3,
         realizes=("LOB",), accesses=("LOB portfolio:rw",)),
    _app("Noordhoff digital learning materials", "Noordhoff",
         "Digital course material and practice for mathematics, languages and sciences.",
         cost=46000, exit_cost=8000, fit=(3, 3), contract_end="2027-07-31", notice=4,
         realizes=("EDU",), accesses=("Learning materials:r",)),
    _app("Malmberg digital learning materials", "Malmberg",
         "Digital course material and practice for humanities and biology.",
         cost=39500, exit_cost=8000, fit=(2, 3), contract_end="2027-07-31", notice=4,
         realizes=("EDU",), accesses=("Learning materials:r",)),
    _app("Kurzweil 3000", "Sensotec",
         "Read-aloud software for pupils with dyslexia.",
         cost=4600, exit_cost=500, fit=(3, 2), criticality="low", contract_end="2027-12-31", notice=2,
         location="EU", supports=("Provide dyslexia reading support",), accesses=("Learning materials:r",)),
    _app("Kahoot!", "Kahoot!",
         "Quizzes to check understanding in class; a school licence bought by the languages section.",
         cost=1200, exit_cost=0, criticality="low", contract_end="2027-01-31", notice=1, location="EU",
         dpa=False, supports=("Check understanding during the lesson",), accesses=("Test scores:r",)),
    _app("Padlet", "Wallwisher",
         "Online pinboards; a licence renewed every year although nobody can say which lessons use it.",
         cost=1400, exit_cost=0, criticality="low", contract_end="2027-03-31", notice=1,
         location="outside EU", dpa=False),
    _app("Entree Federatie", "Kennisnet",
         "Single sign-on to publishers' learning materials.",
         cost=0, exit_cost=0, fit=(4, 3), contract_end="2028-12-31", notice=0,
         realizes=("AUTHN",), accesses=("User accounts:r",)),
    _app("Microsoft Entra ID", "Microsoft",
         "Accounts, groups and rights for staff and pupils; licensed within Microsoft 365.",
         cost=0, exit_cost=10000, fit=(4, 4), criticality="high", contract_end="2028-08-31", notice=3,
         location="EU", realizes=("IDM",), accesses=("User accounts:rw",)),
    _app("Edu-iX", "Edu-iX",
         "Connects the pupil administration to the identity, publisher and testing systems.",
         cost=1900, exit_cost=2500, contract_end="2027-07-31", notice=3,
         realizes=("INTEGR",), accesses=("Pupil record:r", "Group composition:r")),
    _app("TOPdesk", "TOPdesk",
         "The ICT service desk, also used for privacy requests and data breaches.",
         cost=7800, exit_cost=6000, fit=(3, 4), contract_end="2028-12-31", notice=3,
         realizes=("SM",), accesses=("ICT tickets:rw", "ICT assets:rw")),
    _app("Microsoft Intune", "Microsoft",
         "Management of the pupils' and staff's laptops; rolled out this school year.",
         cost=2700, exit_cost=4000, lifecycle="phase-in", fit=(3, 4), contract_end="2028-08-31", notice=3,
         location="EU", supports=("Manage pupil and staff devices",), accesses=("User accounts:r",)),
    _app("PaperCut MF", "PaperCut Software",
         "Print management for the copiers.",
         cost=3100, exit_cost=1500, fit=(3, 3), criticality="low", contract_end="2027-09-30", notice=3,
         hosting="on-premise", supports=("Manage printing",), accesses=("User accounts:r",)),
    _app("AFAS Profit", "AFAS Software",
         "Finance: ledger, invoices, budgets and purchase orders.",
         cost=16500, exit_cost=20000, fit=(3, 4), criticality="high", contract_end="2028-12-31", notice=6,
         realizes=("FIN",), accesses=("Financial ledger:rw", "Invoices:w", "Budget:w", "Payments:r",
                                      "Payroll data:r")),
    _app("Visma Raet YouForce", "Visma Raet",
         "Staff administration and payroll, run by the board's administration office; to be replaced.",
         cost=21000, exit_cost=18000, lifecycle="phase-out", fit=(2, 2), criticality="high",
         contract_end="2027-12-31", notice=12,
         realizes=("PERS",), accesses=("Staff record:rw", "Payroll data:rw", "Staff absence:w",
                                       "Training records:w", "Vacancies:w")),
    _app("WIS Collect", "WIS Collect",
         "Payment requests to parents for the voluntary contribution, trips and activities.",
         cost=3300, exit_cost=1500, fit=(3, 3), contract_end="2027-07-31", notice=3,
         realizes=("BETAAL",), accesses=("Payments:w", "Parent contact details:w", "Pupil record:r")),
    _app("WMK", "Cees Bos Advies",
         "Quality care, the school plan and the processing register; also has satisfaction surveys.",
         cost=2750, exit_cost=2000, fit=(2, 2), contract_end="2026-12-31", notice=3,
         realizes=("KWAL", "SCHOOLPLAN"),
         accesses=("Quality data:rw", "School plan:w", "Register of processing activities:rw")),
    _app("Scholen met Succes", "Scholen met Succes",
         "Satisfaction surveys of pupils, parents and staff, and the safety monitor.",
         cost=2100, exit_cost=500, fit=(3, 3), contract_end="2027-07-31", notice=3,
         realizes=("ENQ",), accesses=("Survey results:w",)),
    _app("Ultimo", "Ultimo Software Solutions",
         "Facility management: faults, keys and cleaning contracts.",
         cost=5400, exit_cost=4000, fit=(3, 3), criticality="low", contract_end="2028-03-31", notice=3,
         personal=False, supports=("Facility services",), accesses=("Facility reports:rw",)),
    _app("WordPress school website", "Local web agency",
         "The public website with news and information for prospective pupils.",
         cost=1800, exit_cost=3000, fit=(2, 2), criticality="low", contract_end="2027-06-30", notice=2,
         hosting="hosted", personal=False, dpa=None,
         supports=("Publish news on the school website",), accesses=("School news:w",)),
    _app("Vensters", "Stichting Vensters",
         "Publishes the school's performance data on Scholen op de kaart.",
         cost=450, exit_cost=0, fit=(3, 3), criticality="low", contract_end="2027-12-31", notice=3,
         personal=False, dpa=None, supports=("Publish school performance data",), accesses=("Quality data:r",)),
)
"""The school's applications, in the order they are written to the model."""

FLOWS: tuple[Flow, ...] = (
    Flow("Zermelo", "Magister", "Timetable to Magister", ("Timetable",)),
    Flow("Magister", "Zermelo", "Pupils and groups to Zermelo", ("Pupil record", "Group composition")),
    Flow("itslearning", "Magister", "Grades to Magister", ("Grades",)),
    Flow("Magister", "itslearning", "Pupils and groups to itslearning", ("Pupil record", "Group composition")),
    Flow("Intergrip", "Magister", "Transfer files to Magister", ("Transfer file",)),
    Flow("Magister", "Cito Volgsysteem VO", "Pupils to Cito", ("Pupil record",)),
    Flow("Cito Volgsysteem VO", "Magister", "Progress test results to Magister", ("Progress test results",)),
    Flow("Wintoets", "Magister", "Test scores to Magister", ("Test scores",)),
    Flow("Magister", "Edu-iX", "Everything Edu-iX passes on"),
    Flow("Edu-iX", "Microsoft Entra ID", "Pupils for account provisioning", ("Pupil record",)),
    Flow("Visma Raet YouForce", "Microsoft Entra ID", "Staff for account provisioning", ("Staff record",)),
    Flow("Microsoft Entra ID", "Entree Federatie", "Accounts for single sign-on", ("User accounts",)),
    Flow("Magister", "WIS Collect", "Pupils to WIS Collect", ("Pupil record",)),
    Flow("WIS Collect", "AFAS Profit", "Payments to the ledger", ("Payments",)),
    Flow("Visma Raet YouForce", "AFAS Profit", "Salary journal to the ledger", ("Payroll data",)),
    Flow("Magister", "Qompas", "Pupils to Qompas", ("Pupil record",)),
    Flow("Magister", "Social Schools", "Pupils and parents to Social Schools",
         ("Pupil record", "Parent contact details")),
)
"""Interfaces between the applications."""
