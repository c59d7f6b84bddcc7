"""Curated skill vocabulary, seniority cues and question wording for the built-in generator.

This module is data; ``generator.py`` holds the logic. Adding a skill means adding one
``_skill(...)`` line here and nothing else.

Matching rules, applied by the generator:

* ``aliases`` match case-insensitively on word boundaries. A space or hyphen in an alias also
  matches a space, a hyphen or no gap ("code review", "code-review"), and a trailing plural
  "s" is allowed. When several aliases could match at the same place, the longest wins
  ("SQL Server" rather than "SQL", "A/B testing" rather than any testing practice).
* ``patterns`` are raw, case-sensitive regular expressions for names that are also ordinary
  English words ("Go", "Rust", "Swift", "React", "Excel", "Flask"). Requiring the capitalised
  form keeps "go to the ward" or "react quickly" from counting as skills. For the shortest of
  these ("Go", "R", "Node", ...) capitals are not enough ("Go to our careers page"), so
  ``_listed`` also requires them to sit in a list of technologies.

Display names are written as they read in the middle of a sentence: "PostgreSQL",
"code review", "A/B testing".
"""

import re
from dataclasses import dataclass

LANGUAGE = "language"
FRAMEWORK = "framework"
DATABASE = "database"
TOOLING = "cloud and tooling"
PRACTICE = "practice"
SOFT = "soft skill"
PROFESSIONAL = "professional"


@dataclass(frozen=True)
class Skill:
    """A skill the generator can recognise and name; see the module docstring for matching."""

    name: str
    group: str
    aliases: tuple[str, ...]
    patterns: tuple[str, ...] = ()


def _skill(name: str, group: str, *aliases: str, patterns: tuple[str, ...] = ()) -> Skill:
    """Build a skill; with neither aliases nor patterns, the display name is its only alias."""
    if not aliases and not patterns:
        aliases = (name.lower(),)
    return Skill(name=name, group=group, aliases=aliases, patterns=patterns)


# A short capitalised name counts only as an item of a list: after ",", "/", ";", "and", "or",
# before the same, alone at the end of a line (a bullet), or before a job noun ("Go engineer").
_AFTER_A_SEPARATOR = r"(?:(?<=[,/;])|(?<=[,/;]\s)|(?<=\band\s)|(?<=\bor\s)|(?<=&\s))"
_BEFORE_A_SEPARATOR = (
    r"(?=\s?[,/;]|\s+(?:and|or|&)\s+[A-Z]|[ \t]*(?:\r?\n|\Z)"
    r"|\s+(?i:developers?|engineers?|programming|language|services|microservices|backend)\b)"
)


def _listed(word: str) -> str:
    """Regex for ``word`` (case-sensitive) only where it reads as one item of a list."""
    word = re.escape(word)
    # "R&D", "Go-to-market" and "Node's" are prose, not list items.
    tail = r"(?![&'’\-])"
    return rf"(?:{_AFTER_A_SEPARATOR}{word}{tail}|{word}{tail}{_BEFORE_A_SEPARATOR})"


SKILLS: tuple[Skill, ...] = (
    # Languages
    _skill("Python", LANGUAGE),
    _skill("Java", LANGUAGE),
    _skill("JavaScript", LANGUAGE, "javascript", "ecmascript", "es6", patterns=(r"JS",)),
    _skill("TypeScript", LANGUAGE),
    _skill("Go", LANGUAGE, "golang", patterns=(_listed("Go"),)),
    _skill("Rust", LANGUAGE, patterns=(r"Rust",)),
    # A lone "C" is too ambiguous (grades, vitamins, "C-level"); only clear cues count.
    _skill(
        "C",
        LANGUAGE,
        "embedded c",
        "ansi c",
        "c programming",
        "c language",
        patterns=(r"C(?=\s?/\s?C\+\+|\s+and\s+C\+\+)",),
    ),
    _skill("C++", LANGUAGE, "c++", "cpp"),
    _skill("C#", LANGUAGE, "c#", "csharp"),
    _skill("Ruby", LANGUAGE, patterns=(r"Ruby",)),
    _skill("PHP", LANGUAGE),
    _skill("Kotlin", LANGUAGE),
    _skill("Swift", LANGUAGE, patterns=(r"Swift",)),
    _skill("Scala", LANGUAGE),
    _skill("R", LANGUAGE, "r programming", "rstudio", patterns=(_listed("R"),)),
    _skill("Elixir", LANGUAGE),
    _skill("Haskell", LANGUAGE),
    _skill("Perl", LANGUAGE),
    _skill("Objective-C", LANGUAGE, "objective-c"),
    _skill("Dart", LANGUAGE, patterns=(r"Dart",)),
    _skill("Lua", LANGUAGE),
    _skill("MATLAB", LANGUAGE),
    _skill("Bash", LANGUAGE, "bash", "shell scripting", "shell script"),
    _skill("SQL", LANGUAGE, "sql", "pl/sql"),
    _skill("HTML", LANGUAGE, "html", "html5"),
    _skill("CSS", LANGUAGE, "css", "css3", "sass", "scss"),
    _skill("Clojure", LANGUAGE),
    _skill("Erlang", LANGUAGE),
    _skill("F#", LANGUAGE, "f#"),
    _skill("VBA", LANGUAGE),
    _skill("COBOL", LANGUAGE),
    # Frameworks, libraries and API styles
    _skill("Django", FRAMEWORK),
    _skill("Flask", FRAMEWORK, patterns=(r"Flask",)),
    _skill("FastAPI", FRAMEWORK),
    _skill("Ruby on Rails", FRAMEWORK, "ruby on rails", patterns=(r"Rails",)),
    _skill(
        "Spring Boot", FRAMEWORK, "spring boot", "spring framework", patterns=(_listed("Spring"),)
    ),
    _skill("Express", FRAMEWORK, "express.js", "expressjs", patterns=(_listed("Express"),)),
    _skill("NestJS", FRAMEWORK, "nestjs", "nest.js"),
    _skill("Node.js", FRAMEWORK, "node.js", "nodejs", patterns=(_listed("Node"),)),
    _skill("React", FRAMEWORK, "react.js", "reactjs", patterns=(r"React",)),
    _skill("React Native", FRAMEWORK),
    _skill("Angular", FRAMEWORK, "angular", "angularjs"),
    _skill("Vue.js", FRAMEWORK, "vue", "vue.js", "vuejs"),
    _skill("Svelte", FRAMEWORK, "svelte", "sveltekit"),
    _skill("Next.js", FRAMEWORK, "next.js", "nextjs"),
    _skill(".NET", FRAMEWORK, ".net", ".net core", "dotnet"),
    _skill("ASP.NET", FRAMEWORK, "asp.net", "asp.net core"),
    _skill("Laravel", FRAMEWORK),
    _skill("Symfony", FRAMEWORK),
    _skill("Redux", FRAMEWORK),
    _skill("jQuery", FRAMEWORK),
    _skill("Tailwind CSS", FRAMEWORK, "tailwind css", "tailwindcss", patterns=(r"Tailwind",)),
    _skill("Flutter", FRAMEWORK),
    _skill("SwiftUI", FRAMEWORK),
    _skill("GraphQL", FRAMEWORK),
    _skill("gRPC", FRAMEWORK),
    _skill("REST APIs", FRAMEWORK, "rest api", "restful api", "restful", patterns=(r"REST",)),
    _skill("Celery", FRAMEWORK, patterns=(r"Celery",)),
    _skill("SQLAlchemy", FRAMEWORK),
    _skill("Hibernate", FRAMEWORK),
    _skill("pandas", FRAMEWORK),
    _skill("NumPy", FRAMEWORK),
    _skill("scikit-learn", FRAMEWORK, "scikit-learn", "sklearn"),
    _skill("TensorFlow", FRAMEWORK),
    _skill("PyTorch", FRAMEWORK),
    _skill("Apache Spark", FRAMEWORK, "apache spark", "pyspark", patterns=(r"Spark",)),
    _skill("Hadoop", FRAMEWORK),
    # Databases and data stores
    _skill("PostgreSQL", DATABASE, "postgresql", "postgres"),
    _skill("MySQL", DATABASE),
    _skill("MariaDB", DATABASE),
    _skill("SQLite", DATABASE),
    _skill("SQL Server", DATABASE, "sql server", "mssql", "ms sql", "t-sql"),
    _skill("Oracle", DATABASE, "oracle", "oracle database"),
    _skill("MongoDB", DATABASE, "mongodb", "mongo"),
    _skill("Redis", DATABASE),
    _skill("Elasticsearch", DATABASE, "elasticsearch", "elastic search", "opensearch"),
    _skill("Cassandra", DATABASE, "apache cassandra", patterns=(_listed("Cassandra"),)),
    _skill("DynamoDB", DATABASE),
    _skill("Snowflake", DATABASE),
    _skill("BigQuery", DATABASE, "bigquery", "big query"),
    _skill("Redshift", DATABASE),
    _skill("Neo4j", DATABASE),
    _skill("Firebase", DATABASE, "firebase", "firestore"),
    _skill("ClickHouse", DATABASE),
    _skill("CockroachDB", DATABASE),
    _skill("Memcached", DATABASE),
    # Cloud and tooling
    _skill("AWS", TOOLING, "aws", "amazon web services", "ec2", "s3", "aws lambda"),
    _skill("Google Cloud", TOOLING, "gcp", "google cloud", "google cloud platform"),
    _skill("Azure", TOOLING, "azure", "microsoft azure"),
    _skill("Docker", TOOLING, "docker", "containerisation", "containerization"),
    _skill("Kubernetes", TOOLING, "kubernetes", "k8s", "eks", "gke", "aks", "openshift"),
    _skill("Terraform", TOOLING),
    _skill("Ansible", TOOLING),
    _skill("Helm", TOOLING, "helm chart", patterns=(_listed("Helm"),)),
    _skill("Linux", TOOLING, "linux", "unix"),
    _skill("Git", TOOLING, "git", "github", "gitlab", "bitbucket", "version control"),
    _skill("GitHub Actions", TOOLING),
    _skill("GitLab CI", TOOLING, "gitlab ci", "gitlab ci/cd"),
    _skill("Jenkins", TOOLING),
    _skill("CircleCI", TOOLING),
    _skill("Nginx", TOOLING),
    _skill("Kafka", TOOLING, "kafka", "apache kafka"),
    _skill("RabbitMQ", TOOLING),
    _skill("Airflow", TOOLING, "apache airflow", patterns=(r"Airflow",)),
    _skill("dbt", TOOLING),
    _skill("Datadog", TOOLING),
    _skill("Prometheus", TOOLING),
    _skill("Grafana", TOOLING),
    _skill("Splunk", TOOLING),
    _skill("New Relic", TOOLING),
    _skill("CloudFormation", TOOLING),
    _skill("Pulumi", TOOLING),
    _skill("Heroku", TOOLING),
    _skill("Cloudflare", TOOLING),
    _skill("Webpack", TOOLING),
    _skill("pytest", TOOLING),
    _skill("Jest", TOOLING, patterns=(r"Jest",)),
    _skill("Selenium", TOOLING, patterns=(r"Selenium",)),
    _skill("Cypress", TOOLING, patterns=(_listed("Cypress"),)),
    _skill("Playwright", TOOLING, patterns=(_listed("Playwright"),)),
    _skill("Postman", TOOLING, patterns=(r"Postman",)),
    _skill("Maven", TOOLING, patterns=(r"Maven",)),
    _skill("Gradle", TOOLING),
    _skill("Jira", TOOLING),
    _skill("Confluence", TOOLING, patterns=(r"Confluence",)),
    _skill("Figma", TOOLING),
    _skill("Salesforce", TOOLING),
    _skill("HubSpot", TOOLING),
    _skill("Zendesk", TOOLING),
    _skill("Tableau", TOOLING),
    _skill("Power BI", TOOLING, "power bi"),
    _skill("Looker", TOOLING, "looker", "looker studio"),
    _skill("Excel", TOOLING, "microsoft excel", "ms excel", patterns=(r"Excel",)),
    _skill("Google Sheets", TOOLING),
    _skill("Google Analytics", TOOLING, "google analytics", "ga4"),
    _skill("SAP", TOOLING, patterns=(r"SAP",)),
    _skill("QuickBooks", TOOLING),
    _skill("Microsoft Office", TOOLING, "microsoft office", "ms office", "office 365"),
    # Engineering practices
    _skill(
        "automated testing",
        PRACTICE,
        "automated testing",
        "automated test",
        "test automation",
        "unit testing",
        "unit test",
        "integration testing",
        "integration test",
        "end-to-end testing",
        "e2e testing",
        "software testing",
    ),
    _skill("test-driven development", PRACTICE, "test-driven development", "tdd"),
    _skill(
        "CI/CD",
        PRACTICE,
        "ci/cd",
        "ci / cd",
        "cicd",
        "continuous integration",
        "continuous delivery",
        "continuous deployment",
        "ci pipeline",
    ),
    _skill("code review", PRACTICE, "code review", "reviewing code", "pull request review"),
    _skill("Agile", PRACTICE),
    _skill("Scrum", PRACTICE),
    _skill("Kanban", PRACTICE),
    _skill(
        "performance tuning",
        PRACTICE,
        "performance tuning",
        "performance optimisation",
        "performance optimization",
        "query optimisation",
        "query optimization",
        "query tuning",
        "profiling",
        "performance engineering",
    ),
    _skill(
        "security",
        PRACTICE,
        "security",
        "application security",
        "secure coding",
        "owasp",
        "cybersecurity",
        "appsec",
    ),
    _skill("microservices", PRACTICE, "microservice", "micro-service"),
    _skill("system design", PRACTICE, "system design", "systems design", "software architecture"),
    _skill("distributed systems", PRACTICE, "distributed system"),
    _skill("API design", PRACTICE),
    _skill("observability", PRACTICE, "observability", "monitoring and alerting"),
    _skill("incident response", PRACTICE, "incident response", "incident management"),
    _skill("DevOps", PRACTICE),
    _skill("infrastructure as code", PRACTICE, "infrastructure as code", "iac"),
    _skill("data modelling", PRACTICE, "data modelling", "data modeling", "data model"),
    _skill("accessibility", PRACTICE, "accessibility", "wcag", "a11y"),
    _skill("debugging", PRACTICE, "debugging", "troubleshooting"),
    _skill("refactoring", PRACTICE, "refactoring", "refactor"),
    _skill(
        "object-oriented design",
        PRACTICE,
        "object-oriented",
        # Not "oop": with the plural it would read "Oops!" as a skill.
        "solid principles",
    ),
    _skill("domain-driven design", PRACTICE, "domain-driven design", "ddd"),
    _skill("pair programming", PRACTICE),
    _skill("technical documentation", PRACTICE, "technical documentation", "technical writing"),
    _skill("caching", PRACTICE),
    _skill("scalability", PRACTICE, "scalability", "high availability"),
    _skill("concurrency", PRACTICE, "concurrency", "multithreading", "multi-threading"),
    # Soft skills
    _skill("mentoring", SOFT, "mentoring", "mentor", "mentorship", "coaching"),
    _skill("leadership", SOFT, "leadership", "technical leadership"),
    _skill(
        "stakeholder communication",
        SOFT,
        "stakeholder communication",
        "stakeholder management",
        "stakeholder engagement",
        "stakeholder",
    ),
    _skill("communication", SOFT, "communication", "communicator"),
    _skill(
        "collaboration",
        SOFT,
        "collaboration",
        "collaborate",
        "collaborative",
        "teamwork",
        "team player",
    ),
    _skill("problem solving", SOFT, "problem solving", "problem solver"),
    _skill("critical thinking", SOFT, "critical thinking", "analytical skills"),
    _skill(
        "time management",
        SOFT,
        "time management",
        "multitasking",
        "multi-tasking",
        "organisational skills",
        "organizational skills",
    ),
    _skill("conflict resolution", SOFT, "conflict resolution", "de-escalation"),
    _skill("negotiation", SOFT, "negotiation", "negotiating"),
    _skill("customer service", SOFT, "customer service", "customer support", "client service"),
    _skill("presentation skills", SOFT, "presentation skills", "public speaking", "presenting"),
    _skill(
        "attention to detail",
        SOFT,
        "attention to detail",
        "detail-oriented",
        "detail oriented",
        "meticulous",
    ),
    _skill(
        "people management",
        SOFT,
        "people management",
        "line management",
        "direct reports",
        "team management",
    ),
    # "We are hiring" is in every posting; only the skill of hiring others counts.
    _skill(
        "hiring",
        SOFT,
        "hiring decisions",
        "interviewing candidates",
        "talent acquisition",
        "candidate sourcing",
    ),
    _skill("decision-making", SOFT, "decision-making"),
    _skill("emotional intelligence", SOFT, "emotional intelligence", "empathy"),
    # Professional skills outside software: health care
    _skill(
        "patient assessment",
        PROFESSIONAL,
        "patient assessment",
        "assess patients",
        "assessing patients",
        "clinical assessment",
        "nursing assessment",
        "head-to-toe assessment",
    ),
    _skill(
        "medication administration",
        PROFESSIONAL,
        "medication administration",
        "administer medication",
        "administering medication",
        "administration of medication",
        "medication management",
        "medication safety",
    ),
    _skill(
        "EHR documentation",
        PROFESSIONAL,
        "ehr",
        "emr",
        "electronic health record",
        "electronic medical record",
        "clinical documentation",
        "nursing documentation",
        "cerner",
    ),
    _skill("critical care", PROFESSIONAL, "critical care", "intensive care", "icu"),
    _skill(
        "ventilator management",
        PROFESSIONAL,
        "ventilator management",
        "mechanical ventilation",
        "ventilator",
        "ventilated patient",
    ),
    _skill(
        "haemodynamic monitoring",
        PROFESSIONAL,
        "haemodynamic monitoring",
        "hemodynamic monitoring",
        "hemodynamic",
        "haemodynamic",
    ),
    _skill("infection control", PROFESSIONAL, "infection control", "infection prevention"),
    _skill("BLS", PROFESSIONAL, "bls", "basic life support"),
    _skill("ACLS", PROFESSIONAL, "acls", "advanced cardiac life support"),
    _skill("triage", PROFESSIONAL),
    _skill("wound care", PROFESSIONAL),
    _skill("IV therapy", PROFESSIONAL, "iv therapy", "iv insertion", "intravenous therapy"),
    _skill("care planning", PROFESSIONAL, "care planning", "care plan"),
    _skill("patient education", PROFESSIONAL),
    _skill("vital signs", PROFESSIONAL, "vital signs", "vitals"),
    _skill("patient safety", PROFESSIONAL),
    _skill("HIPAA", PROFESSIONAL),
    # Product and design
    _skill(
        "roadmap prioritisation",
        PROFESSIONAL,
        "roadmap prioritisation",
        "roadmap prioritization",
        "roadmap",
        "roadmapping",
        "backlog prioritisation",
        "backlog prioritization",
        "feature prioritisation",
        "feature prioritization",
    ),
    _skill(
        "user research",
        PROFESSIONAL,
        "user research",
        "customer research",
        "user interview",
        "customer interview",
        "customer discovery",
    ),
    _skill("product discovery", PROFESSIONAL),
    _skill("product strategy", PROFESSIONAL, "product strategy", "product vision"),
    _skill("go-to-market strategy", PROFESSIONAL, "go-to-market", "gtm"),
    _skill("OKRs", PROFESSIONAL, "okr", "objectives and key results"),
    _skill("product analytics", PROFESSIONAL, "product analytics", "amplitude", "mixpanel"),
    _skill("user stories", PROFESSIONAL, "user story", "user stories", "acceptance criteria"),
    _skill(
        "product requirements",
        PROFESSIONAL,
        "product requirements",
        "prd",
        "requirements gathering",
    ),
    _skill("usability testing", PROFESSIONAL),
    _skill("UX design", PROFESSIONAL, "ux design", "ux", "ui/ux", "user experience"),
    _skill("UI design", PROFESSIONAL, "ui design", "visual design"),
    _skill("wireframing", PROFESSIONAL, "wireframing", "wireframe"),
    _skill("prototyping", PROFESSIONAL),
    _skill("design systems", PROFESSIONAL, "design system"),
    _skill("market research", PROFESSIONAL),
    _skill("competitive analysis", PROFESSIONAL, "competitive analysis", "competitor analysis"),
    # Data and analytics
    _skill(
        "A/B testing",
        PROFESSIONAL,
        "a/b testing",
        "a/b test",
        "ab testing",
        "split testing",
        "experimentation",
    ),
    _skill("dashboards", PROFESSIONAL, "dashboard", "dashboarding"),
    _skill(
        "data visualisation",
        PROFESSIONAL,
        "data visualisation",
        "data visualization",
        "data viz",
    ),
    _skill(
        "statistics",
        PROFESSIONAL,
        "statistics",
        "statistical analysis",
        "statistical modelling",
        "statistical modeling",
        "regression analysis",
        "hypothesis testing",
    ),
    _skill(
        "data cleaning",
        PROFESSIONAL,
        "data cleaning",
        "data cleansing",
        "data wrangling",
        "data preparation",
    ),
    _skill("ETL", PROFESSIONAL, "etl", "elt", "data pipeline"),
    _skill("machine learning", PROFESSIONAL, "machine learning", patterns=(r"ML",)),
    _skill("deep learning", PROFESSIONAL),
    _skill("forecasting", PROFESSIONAL, "forecasting", "demand forecasting"),
    _skill("data analysis", PROFESSIONAL, "data analysis", "data analytics"),
    _skill("KPI tracking", PROFESSIONAL, "kpi", "key performance indicator"),
    # Projects, operations, sales, marketing, finance, education, people
    _skill("project management", PROFESSIONAL, "project management", "project planning"),
    _skill("risk management", PROFESSIONAL, "risk management", "risk assessment"),
    _skill("budgeting", PROFESSIONAL, "budgeting", "budget management", "budget planning"),
    _skill("vendor management", PROFESSIONAL),
    _skill("PRINCE2", PROFESSIONAL, "prince2"),
    _skill("PMP", PROFESSIONAL),
    _skill(
        "process improvement",
        PROFESSIONAL,
        "process improvement",
        "six sigma",
        "lean six sigma",
        "lean manufacturing",
    ),
    _skill("inventory management", PROFESSIONAL),
    _skill("supply chain management", PROFESSIONAL, "supply chain", "logistics"),
    _skill("health and safety", PROFESSIONAL, "health and safety", "osha"),
    _skill("CRM", PROFESSIONAL),
    _skill("account management", PROFESSIONAL),
    _skill("lead generation", PROFESSIONAL, "lead generation", "prospecting"),
    _skill("SEO", PROFESSIONAL, "seo", "search engine optimisation", "search engine optimization"),
    _skill("content marketing", PROFESSIONAL),
    _skill("email marketing", PROFESSIONAL),
    _skill(
        "social media marketing",
        PROFESSIONAL,
        "social media marketing",
        "social media management",
        "social media strategy",
    ),
    _skill("paid advertising", PROFESSIONAL, "google ads", "adwords", "ppc", "paid search"),
    _skill("copywriting", PROFESSIONAL),
    _skill(
        "financial modelling",
        PROFESSIONAL,
        "financial modelling",
        "financial modeling",
        "financial model",
    ),
    _skill("financial reporting", PROFESSIONAL),
    _skill("bookkeeping", PROFESSIONAL),
    _skill("reconciliation", PROFESSIONAL, "reconciliation", "reconciliations"),
    _skill("GAAP", PROFESSIONAL),
    _skill("IFRS", PROFESSIONAL),
    _skill("accounts payable", PROFESSIONAL),
    _skill("accounts receivable", PROFESSIONAL),
    _skill("auditing", PROFESSIONAL, "auditing", "internal audit"),
    _skill("payroll", PROFESSIONAL),
    _skill("lesson planning", PROFESSIONAL, "lesson planning", "lesson plan"),
    _skill("classroom management", PROFESSIONAL),
    _skill("curriculum development", PROFESSIONAL, "curriculum development", "curriculum design"),
    _skill("safeguarding", PROFESSIONAL),
    _skill("employee relations", PROFESSIONAL),
)

JUNIOR = "junior"
MID = "mid"
SENIOR = "senior"
LEAD = "lead"

# Seniority cues are regex fragments matched, on word boundaries, against the lower-cased title
# or description. Title cues are tried in this order and the first hit decides: a junior title
# is explicit, so it wins even next to "manager" ("Junior Project Manager"), and "associate" or
# "assistant" only count when nothing stronger is there ("Associate Director" is a lead).
TITLE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        JUNIOR,
        (
            r"junior",
            r"jr\.?",
            r"graduate",
            r"grad",
            r"intern",
            r"internship",
            r"trainee",
            r"apprentice",
            r"apprenticeship",
            r"entry[\s-]level",
        ),
    ),
    (
        LEAD,
        (
            r"lead",
            r"principal",
            r"head",
            r"director",
            r"vp",
            r"vice president",
            r"chief",
            r"c[eftio]o",
            r"manager",
            r"supervisor",
            r"charge nurse",
            # "Staff Nurse" and "kitchen staff" are not staff-level engineers.
            r"staff\s+(?:[a-z]+\s+){0,3}?(?:engineer|developer|scientist|designer|architect)",
        ),
    ),
    (SENIOR, (r"senior", r"sr\.?", r"iii", r"architect", r"expert")),
    (MID, (r"mid", r"intermediate", r"ii")),
    (JUNIOR, (r"associate", r"assistant", r"i")),
)

# Manager titles that name an individual contributor, not someone who leads people; they are
# removed from the title before the cues above are tried, so "Senior Product Manager" is senior.
NOT_LEAD_TITLE_PHRASES: tuple[str, ...] = (
    r"product manager",
    r"project manager",
    r"program(?:me)? manager",
    r"account manager",
    r"case manager",
    r"community manager",
    r"social media manager",
    r"relationship manager",
    r"lead generation",
)

DESCRIPTION_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        LEAD,
        (
            r"direct reports",
            r"(?:manage|managing|lead|leading|build and lead) (?:a|the) team",
            r"line management",
            r"people management",
        ),
    ),
    (
        JUNIOR,
        (
            r"entry[\s-]level",
            r"no (?:prior )?experience (?:is )?(?:required|needed|necessary)",
            r"recent graduates?",
            r"new graduates?",
            r"graduate (?:scheme|programme|program)",
        ),
    ),
    (SENIOR, (r"senior[\s-]level", r"seasoned", r"extensive experience")),
)

# Years of experience the description asks for, read when no cue above decides: the largest
# minimum wins ("2+ years of React, 6+ years overall" is a senior posting).
SENIOR_FROM_YEARS = 5
MID_FROM_YEARS = 2


# Question wording. Placeholders: {skill} is a display name, {as_role} reads "as a Senior
# Backend Engineer" (or "in this role") and {the_role} "the Senior Backend Engineer role" (or
# "this role"). Each bank is keyed by the seniority levels its templates suit, as letters:
# (j)unior, (m)id, (s)enior, (l)ead. Level-specific templates come first, so even five
# questions show the level, and "l" comes before "sl" so a lead hears lead questions first.
ALL_LEVELS = "jmsl"
LEVEL_LETTER = {JUNIOR: "j", MID: "m", SENIOR: "s", LEAD: "l"}

BEHAVIOURAL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "j": (
        "Tell me about a time you had to learn something new quickly. How did you go about it?",
        "Tell me about a time you asked for help. How did you decide it was the right moment?",
        "Tell me about a team project, at work, in study or as a volunteer, where you had to pull "
        "your weight. What was your part?",
    ),
    "m": (
        "Tell me about a piece of work you owned from start to finish. What decisions did you "
        "make along the way?",
        "Tell me about a time you helped a newer colleague get up to speed.",
        "Tell me about a time you balanced your own deadlines with helping others on the team. "
        "How did you manage both?",
    ),
    "l": (
        "Tell me about a time you had to give difficult feedback to someone you led. How did it "
        "go?",
        "Tell me about a time you aligned people with competing priorities behind one plan.",
        "Tell me about an unpopular decision you made as a leader. How did you communicate it?",
        "Tell me about a time you helped someone on your team step into a bigger role.",
    ),
    "sl": (
        "Tell me about a time you mentored someone. How did you know it was working?",
        "Tell me about a trade-off you made that others disagreed with. How did you justify it, "
        "and how did it turn out?",
        "Tell me about a time you changed how a whole team worked. How did you bring people along?",
    ),
    ALL_LEVELS: (
        "Tell me about a time you had to meet a tight deadline. What did you prioritise, and what "
        "was the outcome?",
        "Tell me about a time you made a mistake at work. How did you handle it, and what did you "
        "change afterwards?",
        "Tell me about a time you disagreed with a colleague. How did you resolve it?",
        "Describe a situation where you had to act on incomplete information. What did you do?",
        "Tell me about a time you received critical feedback. How did you respond?",
        "Tell me about a time you went beyond what was asked of you. Why, and what was the result?",
        "Describe a time you had to explain something complex to someone without your background. "
        "How did you make sure they understood?",
        "Tell me about a time priorities changed suddenly. How did you adapt?",
        "Tell me about a project that did not go to plan. What was your role, and what did you "
        "learn?",
        "Tell me about a time you noticed a problem nobody else had spotted. What did you do?",
        "Describe a time you had to say no to a request. How did you handle the conversation?",
        "Tell me about a time you improved a process or way of working. How did you measure the "
        "improvement?",
        "Tell me about a time you worked closely with someone whose style was very different from "
        "yours.",
        "Tell me about the achievement you are proudest of. What was your own contribution?",
        "Tell me about a time you had to make a decision quickly with limited data.",
        "Describe a time you juggled several competing tasks. How did you decide what came first?",
        "Tell me about a time you helped a teammate who was struggling.",
        "Tell me about a time you had to deliver bad news. How did you approach it?",
        "Tell me about a time you took ownership of something outside your formal "
        "responsibilities.",
        "Describe a time you were under significant pressure. How did you keep the quality of "
        "your work up?",
        "Tell me about a time you had to learn a new tool or process on the job. How did you get "
        "up to speed?",
        "Tell me about a time you persuaded someone to change their mind. What approach did you "
        "take?",
        "Tell me about a time a customer, client or patient was unhappy. How did you respond?",
        "Describe a time you had to follow a rule or procedure you disagreed with. What did you "
        "do?",
        "Tell me about a time you missed a goal. What happened next?",
        "Tell me about a time you spotted a risk early. How did you raise it?",
        "Tell me about a time you were part of a team that was not getting along. What did you do?",
        "Describe a situation where you had to balance doing something thoroughly with getting it "
        "done quickly.",
    ),
}

ROLE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "j": (
        "What would you most like to learn in your first six months {as_role}?",
        "How would you make sure you understand what is expected of you in your first weeks "
        "{as_role}?",
        "What kind of feedback helps you grow fastest, and how would you seek it out {as_role}?",
    ),
    "m": (
        "Which parts of {the_role} could you own independently from day one, and where would you "
        "want guidance?",
        "How would you decide when a problem needs escalating {as_role}?",
    ),
    "l": (
        "How would you set direction for the people you lead in your first quarter {as_role}?",
        "How would you judge the health of the team you lead {as_role}, beyond its output?",
        "How would you build trust with the people you lead {as_role}?",
    ),
    "sl": (
        "How would you raise the bar for the people around you {as_role}?",
        "Which long-standing problems would you look for first {as_role}, and how would you "
        "decide which to tackle?",
        "How would you decide which decisions to make yourself and which to delegate {as_role}?",
        "How would you handle a clash between your priorities and another team's {as_role}?",
    ),
    ALL_LEVELS: (
        "What would you focus on in your first 90 days {as_role}?",
        "What draws you to {the_role}, and why now?",
        "How would you explain what {the_role} exists to achieve to someone outside the field?",
        "Which parts of {the_role} do you expect to find hardest, and how would you prepare for "
        "them?",
        "What would a great first year look like {as_role}, and how would you measure it?",
        "Who do you expect to work with most closely {as_role}, and how would you build those "
        "relationships?",
        "What would you want to understand about the team's current priorities before changing "
        "anything {as_role}?",
        "How do you see {the_role} contributing to the wider organisation's goals?",
        "Which of your past experiences has prepared you best for {the_role}, and why?",
        "Six months in, what would tell you that taking {the_role} had been the right move?",
        "How would you organise a typical week {as_role}?",
        "What questions would you ask in your first week {as_role} to learn how success is judged?",
        "What do you think separates adequate work from excellent work {as_role}?",
        "How would you respond if the day-to-day reality of {the_role} turned out to differ from "
        "the job description?",
        "What support or resources would help you do your best work {as_role}?",
        "Where do you want your career to go after {the_role}, and how does this step fit?",
        "What risks do you see in {the_role}, and how would you reduce them early on?",
        "How would you balance quality against speed {as_role}?",
        "Which part of {the_role} are you most looking forward to, and which part least?",
        "How do you keep up with changes in your field, and how would that help you {as_role}?",
        "What would you do if you had more work than you could finish in your first month "
        "{as_role}?",
        "What standards would you hold your own work to {as_role}, and how would others see them?",
        "How would you want your performance to be measured {as_role}?",
        "What would you do in your first week {as_role} to earn your new colleagues' trust?",
    ),
}

SKILL_TEMPLATES_BY_GROUP: dict[str, tuple[str, ...]] = {
    LANGUAGE: (
        "Walk me through something substantial you have built with {skill}. What would you do "
        "differently today?",
        "Which {skill} features or idioms do you rely on most, and which do you avoid?",
        "How do you keep {skill} code readable and maintainable as a codebase grows?",
        "How do you test and debug {skill} code when something misbehaves in production?",
    ),
    FRAMEWORK: (
        "Walk me through how you have used {skill} in a real project, including one limitation "
        "you had to work around.",
        "What do you wish you had known about {skill} when you started using it?",
        "How would you structure a new project built on {skill} so that it stays easy to change?",
        "Tell me about a bug or performance problem you traced back to the way {skill} had been "
        "used.",
    ),
    DATABASE: (
        "Walk me through how you have used {skill}: how did you model the data, and how did that "
        "hold up as it grew?",
        "Tell me about a slow query in {skill} that you diagnosed. How did you find the cause and "
        "fix it?",
        "How do you change the structure of data in {skill} safely while the system is live?",
        "How do you think about backups, consistency and recovery when working with {skill}?",
    ),
    TOOLING: (
        "Walk me through how you have used {skill} in your day-to-day work, and what you would "
        "set up differently next time.",
        "Tell me about a time {skill} caused a problem for you or your team. How did you resolve "
        "it?",
        "How would you get a new colleague productive with {skill} in their first week?",
        "How do you make your work with {skill} easy for others to understand and review?",
    ),
    PRACTICE: (
        "How do you approach {skill} in your day-to-day work, and how do you know it is working?",
        "Tell me about a time {skill} saved a project, or a time its absence hurt one.",
        "Where have you seen {skill} done badly, and what would you have changed?",
        "How would you introduce or improve {skill} on a team that has not prioritised it?",
    ),
    SOFT: (
        "Tell me about a time your {skill} made a measurable difference to an outcome.",
        "How would the people you have worked with describe your {skill}? Give an example that "
        "backs it up.",
        "Tell me about a time your {skill} fell short. What did you learn from it?",
        "How do you adapt your {skill} to different people or situations?",
    ),
    PROFESSIONAL: (
        "Walk me through a recent example of your work involving {skill}. What was the goal, and "
        "what was the result?",
        "What is a common mistake people make with {skill}, and how do you avoid it?",
        "How do you check the quality of your own work when it comes to {skill}?",
        "Tell me about a time something went wrong with {skill}. How did you handle it?",
    ),
}

TECHNICAL_GROUPS = frozenset({LANGUAGE, FRAMEWORK, DATABASE, TOOLING})

TECHNICAL_SKILL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "sl": (
        "What trade-offs have you weighed when choosing {skill} over an alternative, and what did "
        "you decide?",
    ),
}

ANY_SKILL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "j": (
        "What have you learned most recently about {skill}, and how did you learn it?",
        "If you got stuck on a problem involving {skill}, how would you get yourself unstuck?",
    ),
    "m": ("Tell me about a piece of work involving {skill} that you owned from start to finish.",),
    "l": (
        "How would you decide how much your team should invest in {skill} compared with other "
        "priorities?",
    ),
    "sl": (
        "How would you help a less experienced colleague build their skills in {skill}?",
        "How have you raised the standard of {skill} across a team, beyond your own work?",
    ),
    ALL_LEVELS: (
        "How do you expect {skill} to feature in your work {as_role}?",
        "How would you rate your own depth in {skill}, and what evidence would you point to?",
    ),
}
