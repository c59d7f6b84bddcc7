"""What a question asks about, and what an answer is about: the scorer's relevance.

A question asks about a competency (mentoring, a disagreement, a slow system, ...) or a
skill. The generator writes every question around one of them, and the wording shows it:
each topic here lists the words that mark it in a question (``asks``) and the words an
answer about it uses (``cues``, which include the ``asks``). Questions from another
generator are read the same way, and where no topic matches, the question's own content
words stand in for one.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    name: str  # "the question asks about {name}"
    asks: tuple[str, ...]
    cues: tuple[str, ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TOPICS: tuple[Topic, ...] = (
    Topic(
        "mentoring",
        "helping someone else grow (mentoring, coaching, onboarding)",
        _words("mentor mentored mentoring mentee coach coaching junior newer grow bigger"),
        _words(
            "mentor mentored mentoring mentee coach coached coaching junior newer newly "
            "starter graduate preceptor preceptee buddy buddied induction commis onboard "
            "onboarding taught teach teaching pair paired pairing trainee trained training "
            "guide guided shadow shadowed apprentice ramp ramped promoted promotion walked "
            "observed modelled modeled co-planned"
        ),
    ),
    Topic(
        "performance",
        "making something slow faster",
        _words("slow performance faster latency optimise optimize"),
        _words(
            "slow slower faster latency performance speed p95 p99 throughput optimise optimize "
            "optimised optimized profile profiled profiling bottleneck query queries index "
            "indexed cache cached caching load timeout seconds ms milliseconds memory cpu"
        ),
    ),
    Topic(
        "disagreement",
        "working through a disagreement",
        _words("disagree disagreed disagreement conflict clash"),
        _words(
            "disagree disagreed disagreement conflict argued argument tension compromise "
            "resolve resolved perspective objection clash clashed concern concerns listened "
            "agreed agreement evidence view views data"
        ),
    ),
    Topic(
        "saying no",
        "saying no to a request",
        _words("say no decline refuse request push"),
        _words(
            "declined decline refused refuse push pushed back request requested asked scope "
            "instead alternative trade-off tradeoff priorities roadmap explained offered "
            "compromise stakeholder"
        ),
    ),
    Topic(
        "pressure",
        "meeting a deadline under pressure",
        _words("deadline tight pressure"),
        _words(
            "deadline deadlines tight pressure urgent rush late schedule timeline due launch "
            "deliver delivered scope hours days week weekend overtime cut prioritised "
            "prioritized"
        ),
    ),
    Topic(
        "prioritising",
        "deciding what comes first",
        _words("prioritise prioritize priorities roadmap competing juggled first"),
        _words(
            "prioritise prioritize prioritised prioritized priority priorities roadmap backlog "
            "impact effort competing urgent rank ranked score scored order first value "
            "trade-off deadline focus reach confidence"
        ),
    ),
    Topic(
        "feedback",
        "giving or receiving feedback",
        _words("feedback criticism critical"),
        _words(
            "feedback criticism critical criticised criticized review reviewed comment "
            "comments listened improve improved changed reflected conversation honest"
        ),
    ),
    Topic(
        "mistake",
        "a mistake or a goal missed, and what you learned",
        _words("mistake missed wrong fail failed plan"),
        _words(
            "mistake mistakes error wrong failed failure missed broke bug outage incident "
            "apologised apologized owned fixed lesson learned learnt changed afterwards "
            "postmortem retrospective plan"
        ),
    ),
    Topic(
        "explaining",
        "explaining something complex to someone without your background",
        _words("explain complex non-technical background understood stakeholder"),
        _words(
            "explain explained explaining non-technical jargon analogy audience simple plain "
            "chart visual understand understood stakeholder stakeholders executive "
            "translate summary decision number"
        ),
    ),
    Topic(
        "uncertainty",
        "deciding with incomplete information",
        _words("incomplete limited uncertain quickly decision"),
        _words(
            "decision decide decided incomplete uncertain uncertainty assumption assumptions "
            "risk data limited judgement judgment evidence quickly revisit reversible"
        ),
    ),
    Topic(
        "learning",
        "learning something new quickly",
        _words("learn learning new quickly"),
        _words(
            "learn learned learnt learning new course tutorial documentation docs practised "
            "practiced picked studied study quickly ramp read asked experimented"
        ),
    ),
    Topic(
        "changing how people work",
        "changing how a team works and bringing people along",
        _words("changed change persuaded persuade along aligned align"),
        _words(
            "change changed adopt adopted adoption persuade persuaded convince convinced buy-in "
            "align aligned rollout introduced introduce champion pilot trial process team"
        ),
    ),
    Topic(
        "unhappy customer",
        "an unhappy customer, client or patient",
        _words("customer client patient parent unhappy complain"),
        _words(
            "customer customers client clients patient patients parent parents complaint "
            "complained unhappy "
            "upset angry service escalation apologised apologized refund satisfaction "
            "relationship listened"
        ),
    ),
    Topic(
        "risk",
        "spotting a risk or a problem early",
        _words("risk risks spotted noticed problem"),
        _words(
            "risk risks spotted noticed early warning flagged raised escalate escalated "
            "prevent prevented problem issue caught monitoring"
        ),
    ),
    Topic(
        "improving a process",
        "improving a process and measuring it",
        _words("process improved improvement"),
        _words(
            "process workflow improve improved automate automated streamline measure measured "
            "efficiency waste manual steps checklist standardised standardized reorganised "
            "reorganized redesigned mistakes errors check fewer reduced introduced rules "
            "triage backlog queue halved quicker"
        ),
    ),
    Topic(
        "teamwork",
        "your part in a team",
        _words("team teammate together weight part struggling style"),
        _words(
            "team teammate teammates collaborate collaborated together support supported helped "
            "help shared pulled contribution role colleague colleagues"
        ),
    ),
    Topic(
        "leading people",
        "leading people",
        _words("lead led leader direction trust delegate unpopular"),
        _words(
            "lead led leader team direction trust delegate delegated vision hire hired morale "
            "motivate one-to-one decision communicated people"
        ),
    ),
    Topic(
        "the role",
        "this role and how you would go about it",
        _words("role first days weeks months year week"),
        _words(
            "role first days weeks months plan priorities understand meet listen learn goals "
            "expectations team stakeholders measure success career"
        ),
    ),
    Topic(
        "an analysis",
        "an analysis and the decision it changed",
        _words("analysis finding data insight"),
        _words(
            "analysis analysed analyzed data metric metrics dashboard test experiment a/b "
            "insight finding sql query cohort regression decision"
        ),
    ),
    Topic(
        "design",
        "designing a system",
        _words("design architecture structure"),
        _words(
            "design designed architecture api schema model endpoint endpoints resource "
            "resources layer scale structure interface tenant isolation permission versioning "
            "pagination trade-off database service"
        ),
    ),
    Topic(
        "safety",
        "handling a safety incident",
        _words("safety incident accident injury hazard"),
        _words(
            "safety safe incident accident injury injured hurt hazard report reported inspect "
            "inspected inspection training stopped cordoned near miss procedure"
        ),
    ),
    Topic(
        "negotiation",
        "negotiating a deal",
        _words("negotiate negotiated negotiation price discount"),
        _words(
            "negotiate negotiated negotiation price pricing discount value terms contract "
            "renew renewed renewal offer offered concession budget roi deal"
        ),
    ),
    Topic(
        "sales targets",
        "building a pipeline and hitting a target",
        _words("pipeline quota target prospect"),
        _words(
            "pipeline quota target prospect prospecting outbound calls discovery deals "
            "coverage forecast closed close booked meetings"
        ),
    ),
    Topic(
        "learners",
        "supporting learners who struggle",
        _words("student students pupil pupils learner learners class"),
        _words(
            "student students pupil pupils learner learners class lesson lessons taught teach "
            "worksheet worksheets group groups quiz quizzes assessment grade grades recap "
            "support extra behind"
        ),
    ),
    Topic(
        "ownership",
        "a piece of work you owned and what you achieved",
        _words("owned ownership proudest achievement beyond responsibilities finish"),
        _words(
            "owned own ownership responsible responsibility delivered decided led asked goal "
            "launched built shipped finished proud achieved volunteered initiative"
        ),
    ),
    Topic(
        "standards",
        "raising the standard of other people's work",
        _words("bar standard standards quality"),
        _words(
            "bar standard standards quality review reviews reviewed checklist feedback "
            "practice practices example juniors mentor paired guidelines"
        ),
    ),
    Topic(
        "clinical care",
        "caring for a patient whose condition changes",
        _words("deteriorating deteriorated clinical"),
        _words(
            "patient vital vitals blood pressure oxygen sepsis escalate escalated doctor "
            "registrar ward observation observations medication dose monitor monitored "
            "bedside fluids surgery"
        ),
    ),
)
