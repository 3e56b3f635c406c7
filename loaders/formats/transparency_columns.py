"""The columns of Local Government Transparency Code files, by meaning.

Councils publish to the LGA schemas (organisation structure: `OrganisationLabel,
OrganisationURI, EffectiveDate, Level, JobTitle, Name, Grade, Directorate, Service, ContractType,
SharedPost, ContactDetails, SalaryBand, MaximumSalary, Vacancy, Comments`; senior salaries: `...
JobTitle, Name, Directorate, Service, Salary, PensionContribution, Bonuses, ExpenseAllowances,
LossOfPostCompensation, BenefitsInKind, BonusDetails, BenefitsDetails, Responsibilities`) or with
headers of their own. A header is matched whatever its case, spacing and punctuation ("Job
Title", "JobTitle", "job_title"), then by its first words (`csv_table.match_headers`).
"""

from __future__ import annotations

from loaders.formats.csv_table import compact_header, header_line

COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "organisation": (
        "organisation label",
        "organization label",
        "organisation",
        "organization",
        "council",
        "local authority",
        "organisation name",
        "organization name",
        "authority",
    ),
    "organisation_uri": (
        "organisation uri",
        "organization uri",
        "organisation identifier",
        "organisation id",
        "organisation code",
        "gss code",
        "ons code",
    ),
    "effective_date": ("effective date", "date", "as at", "as at date", "valid at", "date valid"),
    "post_id": (
        "post id",
        "post ref",
        "post reference",
        "post unique reference",
        "position id",
        "position number",
        "post number",
        "unique reference",
        "ref",
        "id",
    ),
    "title": (
        "job title",
        "post title",
        "position",
        "position title",
        "role",
        "job role",
        "title",
        "post",
    ),
    "name": (
        "name",
        "post holder",
        "postholder",
        "employee name",
        "officer name",
        "name of post holder",
        "full name",
    ),
    "directorate": (
        "directorate",
        "department",
        "service area",
        "division",
        "business unit",
        "directorate department",
    ),
    "service": ("service", "team", "section", "service team", "service unit"),
    "reports_to": (
        "reports to",
        "reports to post",
        "line manager",
        "manager",
        "reports to post id",
        "manager post id",
        "reporting to",
        "parent post",
    ),
    "tier": ("tier", "level", "management tier", "layer", "organisational level"),
    "grade": ("grade", "pay grade", "band"),
    "salary_band": (
        "salary band",
        "pay band",
        "salary range",
        "salary",
        "remuneration",
        "annual salary",
        "salary scale",
        "basic salary",
        "salary band gbp",
    ),
    "salary_floor": ("salary from", "salary minimum", "pay floor", "band minimum"),
    "salary_ceiling": ("salary to", "salary maximum", "pay ceiling", "band maximum"),
    "grade_maximum": ("maximum salary", "max salary", "grade maximum", "maximum of grade"),
    "fte": ("fte", "full time equivalent", "hours fte"),
    "contract_type": ("contract type", "contract", "employment type", "contract status"),
    "shared_post": ("shared post", "shared", "shared with", "post shared", "shared arrangement"),
    "vacancy": ("vacancy", "vacant", "vacancy status", "post status"),
    "bonus": ("bonus", "bonuses", "performance related pay"),
    "expenses": ("expenses", "expense allowances", "expenses allowances", "expenses allowance"),
    "benefits": ("benefits in kind", "benefits"),
    "loss_of_office": (
        "loss of post compensation",
        "compensation for loss of office",
        "loss of office",
        "severance",
    ),
    "pension": (
        "pension contributions",
        "pension contribution",
        "employer pension contributions",
        "employer pension contribution",
        "pension",
    ),
    "responsibilities": (
        "responsibilities",
        "budget responsibility",
        "budget responsible",
        "staff responsibility",
        "responsibility",
        "key responsibilities",
        "areas of responsibility",
    ),
    "contact": (
        "contact details",
        "contact",
        "email",
        "e mail",
        "email address",
        "telephone",
        "phone",
        "contact number",
        "contact phone",
        "contact email",
        "address",
        "mobile",
    ),
    # free-text details of pay already counted in their own columns: known, not stored
    "bonus_details": ("bonus details",),
    "benefits_details": ("benefits details", "benefit details"),
    "notes": ("notes", "comments"),
}
CONTACT_FIELD = "contact"
# "NA" is what the LGA schemas write for "Not Applicable" in every column.
NOT_APPLICABLE = frozenset({"", "na", "n/a", "n a", "not applicable", "none", "-", "nil"})


def looks_like_transparency(data: bytes) -> bool:
    headers = header_line(data)
    if "post unique reference" in headers or "reporting senior post" in headers:
        return False  # an organogram
    lookup = {
        syn.replace(" ", ""): name for name, names in COLUMN_SYNONYMS.items() for syn in names
    }
    fields = {lookup[compact_header(h)] for h in headers if compact_header(h) in lookup}
    return "title" in fields and bool(
        fields & {"salary_band", "reports_to", "tier", "grade", "responsibilities"}
    )
